/** The connectors the task functions use, built once per process from the workflow config. */
import { ses } from '../aws/ses';
import { sns } from '../aws/sns';
import { createEmailSender } from '../connectors/email';
import { createHttpEnrichmentProvider } from '../connectors/enrichment';
import { createHubSpotClient } from '../connectors/hubspot';
import { createSlackClient } from '../connectors/slack';
import { createSmsSender } from '../connectors/sms';
import { builtOnce } from '../core/config';
import { enrichmentToken, hubspotToken, slackToken, workflowConfig } from '../core/workflow-config';

const timeoutMs = () => workflowConfig().connectorTimeoutMs;

export const crm = builtOnce(() =>
  createHubSpotClient({
    ...workflowConfig().hubspot,
    token: hubspotToken(),
    timeoutMs: timeoutMs(),
  }),
);
export const chat = builtOnce(() =>
  createSlackClient({ ...workflowConfig().slack, token: slackToken(), timeoutMs: timeoutMs() }),
);
export const enrichment = builtOnce(() =>
  createHttpEnrichmentProvider({
    ...workflowConfig().enrichment,
    token: enrichmentToken(),
    timeoutMs: timeoutMs(),
  }),
);
export const mailer = builtOnce(() =>
  createEmailSender({ client: ses(), from: workflowConfig().emailFrom, timeoutMs: timeoutMs() }),
);
export const texter = builtOnce(() => createSmsSender({ client: sns(), timeoutMs: timeoutMs() }));
