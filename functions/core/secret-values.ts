/**
 * Secrets in AWS: a function is given the names of the Secrets Manager secrets it may read, as
 * `<VARIABLE>_SECRET_NAME`, and fetches their values once per cold start, before its first
 * configuration read, into the variables the configuration sections read. So the readers stay
 * synchronous and validated, and no value is ever in the deployment's template. Locally the
 * values are in the environment already and nothing is fetched.
 */
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import type { MiddlewareObj } from '@middy/core';
import { secretsManager } from '../aws/secrets-manager';
import { toConnectorError } from '../connectors/aws-error';
import { ConfigError, onConfigReset } from './config';

const NAME_SUFFIX = '_SECRET_NAME';

let loading: Promise<void> | undefined;
onConfigReset(() => {
  loading = undefined;
});

/** `HUBSPOT_TOKEN_SECRET_NAME=voice-automation/prod/hubspot-token` names HUBSPOT_TOKEN's secret. */
function secretNames(env: NodeJS.ProcessEnv): Array<{ variable: string; secretId: string }> {
  return Object.entries(env).flatMap(([name, secretId]) =>
    name.endsWith(NAME_SUFFIX) && name.length > NAME_SUFFIX.length && secretId
      ? [{ variable: name.slice(0, -NAME_SUFFIX.length), secretId }]
      : [],
  );
}

async function fetchInto(env: NodeJS.ProcessEnv): Promise<void> {
  const wanted = secretNames(env);
  if (wanted.length === 0) return;

  const values = await Promise.all(
    wanted.map(async ({ variable, secretId }) => {
      const secret = await secretsManager()
        .send(new GetSecretValueCommand({ SecretId: secretId }))
        .catch((error: unknown) => {
          throw toConnectorError(error, { service: 'Secrets Manager', timeoutMs: 2000 });
        });
      if (typeof secret.SecretString !== 'string' || secret.SecretString.trim() === '') {
        throw new ConfigError([
          `${variable}: the secret ${secretId} holds no text; store the value as a plain string`,
        ]);
      }
      return [variable, secret.SecretString.trim()] as const;
    }),
  );
  // All or nothing: a function never runs with half of its secrets.
  for (const [variable, value] of values) env[variable] = value;
}

/**
 * Fetches the secrets named in `env` once; a failed fetch is tried again at the next call
 * rather than remembered.
 */
export function loadSecretValues(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  loading ??= fetchInto(env).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** For plain handlers (the task functions): the secrets first, then the handler. */
export function withSecretValues<A extends unknown[], R>(
  handler: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args) => {
    await loadSecretValues();
    return handler(...args);
  };
}

/** For middy handlers: a failure to fetch is answered by the handler's own error middleware. */
export function secretValues(): MiddlewareObj {
  return {
    before: async () => {
      await loadSecretValues();
    },
  };
}
