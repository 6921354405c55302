/** The connectors of the support tasks, built once per process from the configuration. */
import { ses } from '../aws/ses';
import { createConfluenceClient } from '../connectors/confluence';
import { createEmailSender } from '../connectors/email';
import { createHubSpotTicketsClient } from '../connectors/hubspot-tickets';
import { createJiraClient } from '../connectors/jira';
import { builtOnce } from '../core/config';
import { confluenceToken, jiraToken, supportConfig } from '../core/support-config';
import { hubspotToken, workflowConfig } from '../core/workflow-config';
import {
  createConfluenceKnowledgeBase,
  createEmbeddedKnowledgeBase,
  type KnowledgeBase,
} from './knowledge-base/knowledge-base';

const timeoutMs = () => workflowConfig().connectorTimeoutMs;

export const helpdesk = builtOnce(() =>
  createHubSpotTicketsClient({
    ...workflowConfig().hubspot,
    token: hubspotToken(),
    timeoutMs: timeoutMs(),
  }),
);
export const tracker = builtOnce(() =>
  createJiraClient({ ...supportConfig().jira, token: jiraToken(), timeoutMs: timeoutMs() }),
);
export const supportMailer = builtOnce(() =>
  createEmailSender({ client: ses(), from: supportConfig().emailFrom, timeoutMs: timeoutMs() }),
);
export const knowledgeBase = builtOnce((): KnowledgeBase => {
  const settings = supportConfig().knowledgeBase;
  if (settings.provider === 'local') return createEmbeddedKnowledgeBase(settings);
  return createConfluenceKnowledgeBase({
    client: createConfluenceClient({
      ...settings,
      token: confluenceToken(),
      timeoutMs: timeoutMs(),
    }),
    spaceKey: settings.spaceKey,
    threshold: settings.threshold,
  });
});
