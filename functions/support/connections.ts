/** The connectors of the support tasks, built once per process from the configuration. */
import { ses } from '../aws/ses';
import { createConfluenceClient } from '../connectors/confluence';
import { createEmailSender } from '../connectors/email';
import { createHubSpotTicketsClient } from '../connectors/hubspot-tickets';
import { createJiraClient } from '../connectors/jira';
import { onConfigReset } from '../core/config';
import { supportConfig } from '../core/support-config';
import { workflowConfig } from '../core/workflow-config';
import {
  createConfluenceKnowledgeBase,
  createEmbeddedKnowledgeBase,
  type KnowledgeBase,
} from './knowledge-base/knowledge-base';

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

export const helpdesk = once(() =>
  createHubSpotTicketsClient({ ...workflowConfig().hubspot, timeoutMs: timeoutMs() }),
);
export const tracker = once(() =>
  createJiraClient({ ...supportConfig().jira, timeoutMs: timeoutMs() }),
);
export const supportMailer = once(() =>
  createEmailSender({ client: ses(), from: supportConfig().emailFrom, timeoutMs: timeoutMs() }),
);
export const knowledgeBase = once((): KnowledgeBase => {
  const settings = supportConfig().knowledgeBase;
  if (settings.provider === 'local') return createEmbeddedKnowledgeBase(settings);
  return createConfluenceKnowledgeBase({
    client: createConfluenceClient({ ...settings, timeoutMs: timeoutMs() }),
    spaceKey: settings.spaceKey,
    threshold: settings.threshold,
  });
});
