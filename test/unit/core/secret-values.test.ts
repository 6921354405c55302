import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigError, resetConfig } from '../../../functions/core/config';
import { UpstreamRejectedError } from '../../../functions/core/errors';
import { loadSecretValues, withSecretValues } from '../../../functions/core/secret-values';
import { hubspotToken } from '../../../functions/core/workflow-config';
import {
  type FakeSecretsManager,
  startFakeSecretsManager,
} from '../../helpers/fake-secrets-manager';

let secretsManager: FakeSecretsManager;

beforeAll(async () => {
  secretsManager = await startFakeSecretsManager({
    'voice-automation/test/hubspot-token': 'hubspot-from-secrets-manager',
    'voice-automation/test/webhook-tokens': 'token-a, token-b',
  });
});
afterAll(() => secretsManager.close());

/** The SDK settings of a function in AWS, pointed at the stand-in. */
function awsLike(variables: Record<string, string>) {
  vi.stubEnv('AWS_ENDPOINT_URL_SECRETS_MANAGER', secretsManager.url);
  vi.stubEnv('AWS_REGION', 'eu-central-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
  for (const [name, value] of Object.entries(variables)) vi.stubEnv(name, value);
}

/** What the loader writes: it sets the variables itself, as a cold start would. */
const LOADED = ['HUBSPOT_TOKEN', 'WEBHOOK_TOKENS', 'SLACK_TOKEN', 'JIRA_TOKEN'];

afterEach(() => {
  vi.unstubAllEnvs();
  for (const name of LOADED) delete process.env[name];
  resetConfig();
  secretsManager.requested.length = 0;
});

describe('secret values from Secrets Manager', () => {
  it('fetches each named secret once per cold start into the variable it names', async () => {
    awsLike({
      HUBSPOT_TOKEN_SECRET_NAME: 'voice-automation/test/hubspot-token',
      WEBHOOK_TOKENS_SECRET_NAME: 'voice-automation/test/webhook-tokens',
    });

    await loadSecretValues();
    await loadSecretValues();

    expect(process.env.HUBSPOT_TOKEN).toBe('hubspot-from-secrets-manager');
    expect(process.env.WEBHOOK_TOKENS).toBe('token-a, token-b');
    expect([...secretsManager.requested].sort()).toEqual([
      'voice-automation/test/hubspot-token',
      'voice-automation/test/webhook-tokens',
    ]);
  });

  it('lets a wrapped handler read its secret through the ordinary configuration', async () => {
    awsLike({ HUBSPOT_TOKEN_SECRET_NAME: 'voice-automation/test/hubspot-token' });
    const handler = withSecretValues(async (input: { step: string }) => ({
      step: input.step,
      token: hubspotToken(),
    }));

    await expect(handler({ step: 'CrmFindContact' })).resolves.toEqual({
      step: 'CrmFindContact',
      token: 'hubspot-from-secrets-manager',
    });
  });

  it('asks for nothing where the values are in the environment, as in the local stack', async () => {
    vi.stubEnv('HUBSPOT_TOKEN', 'local-hubspot-token');

    await loadSecretValues();

    expect(secretsManager.requested).toEqual([]);
    expect(hubspotToken()).toBe('local-hubspot-token');
  });

  it('refuses the call when a secret is missing, and asks again at the next call', async () => {
    awsLike({ SLACK_TOKEN_SECRET_NAME: 'voice-automation/test/slack-token' });

    await expect(loadSecretValues()).rejects.toBeInstanceOf(UpstreamRejectedError);
    expect(process.env.SLACK_TOKEN).toBeUndefined();

    secretsManager.secrets.set('voice-automation/test/slack-token', 'slack-created-later');
    await loadSecretValues();
    expect(process.env.SLACK_TOKEN).toBe('slack-created-later');
  });

  it('names the variable of a secret that holds no text', async () => {
    secretsManager.secrets.set('voice-automation/test/empty', '  ');
    awsLike({ JIRA_TOKEN_SECRET_NAME: 'voice-automation/test/empty' });

    const failure = await loadSecretValues().catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).problems).toEqual([
      'JIRA_TOKEN: the secret voice-automation/test/empty holds no text; store the value as a plain string',
    ]);
  });
});
