/** The connectors the task functions use, built once per process from the workflow config. */
import { ses } from '../aws/ses';
import { sns } from '../aws/sns';
import { createEmailSender } from '../connectors/email';
import { createHttpEnrichmentProvider } from '../connectors/enrichment';
import { createHubSpotClient } from '../connectors/hubspot';
import { createSlackClient } from '../connectors/slack';
import { createSmsSender } from '../connectors/sms';
import { onConfigReset } from '../core/config';
import { workflowConfig } from '../core/workflow-config';

function once<T>(create: () => T): () => T {
  let value: T | undefined;
  onConfigReset(() => {
    value = undefined;
  });
  return () => {
    value ??= create();
    return value;
  };
}

const timeoutMs = () => workflowConfig().connectorTimeoutMs;

export const crm = once(() =>
  createHubSpotClient({ ...workflowConfig().hubspot, timeoutMs: timeoutMs() }),
);
export const chat = once(() =>
  createSlackClient({ ...workflowConfig().slack, timeoutMs: timeoutMs() }),
);
export const enrichment = once(() =>
  createHttpEnrichmentProvider({ ...workflowConfig().enrichment, timeoutMs: timeoutMs() }),
);
export const mailer = once(() =>
  createEmailSender({ client: ses(), from: workflowConfig().emailFrom, timeoutMs: timeoutMs() }),
);
export const texter = once(() => createSmsSender({ client: sns(), timeoutMs: timeoutMs() }));
