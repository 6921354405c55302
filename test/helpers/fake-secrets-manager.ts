/**
 * A Secrets Manager stand-in on 127.0.0.1 that answers GetSecretValue on the AWS JSON protocol,
 * with the secrets it was given, and records which secrets were asked for.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSecretsManager {
  url: string;
  /** Secret values by name; change them between calls to play rotation or creation. */
  secrets: Map<string, string>;
  /** The SecretIds asked for, in order. */
  requested: string[];
  close(): Promise<void>;
}

const JSON_11 = { 'content-type': 'application/x-amz-json-1.1' };

export async function startFakeSecretsManager(
  secrets: Record<string, string> = {},
): Promise<FakeSecretsManager> {
  const stored = new Map(Object.entries(secrets));
  const requested: string[] = [];

  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const target = String(request.headers['x-amz-target'] ?? '');
    const { SecretId } = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
      SecretId?: string;
    };

    if (target !== 'secretsmanager.GetSecretValue' || !SecretId) {
      response.writeHead(400, JSON_11).end(JSON.stringify({ __type: 'InvalidRequestException' }));
      return;
    }
    requested.push(SecretId);
    const value = stored.get(SecretId);
    if (value === undefined) {
      response.writeHead(400, JSON_11).end(
        JSON.stringify({
          __type: 'ResourceNotFoundException',
          message: "Secrets Manager can't find the specified secret.",
        }),
      );
      return;
    }
    response.writeHead(200, JSON_11).end(
      JSON.stringify({
        ARN: `arn:aws:secretsmanager:::secret:${SecretId}`,
        Name: SecretId,
        SecretString: value,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    secrets: stored,
    requested,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
