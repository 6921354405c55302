/**
 * The support workflow's part of the local environment: the Jira and Confluence stand-ins, the
 * support teams, and the settings a person may choose for SLAs and the knowledge base.
 */

export const SUPPORT_SECRETS = {
  jiraEmail: 'local-jira@voice-automation.example',
  jiraToken: 'local-jira-api-token',
  confluenceEmail: 'local-confluence@voice-automation.example',
  confluenceToken: 'local-confluence-api-token',
};

/** The Jira project and Confluence space of the stand-ins. */
export const LOCAL_JIRA_PROJECT = 'SUP';
export const LOCAL_CONFLUENCE_SPACE = 'HELP';

export const SUPPORT_USER_SETTINGS = [
  'SLA_CRITICAL',
  'SLA_HIGH',
  'SLA_MEDIUM',
  'SLA_LOW',
  'SLA_WARNING_PERCENT',
  'BUSINESS_HOURS',
  'BUSINESS_DAYS',
  'BUSINESS_HOLIDAYS',
  'KNOWLEDGE_BASE',
  'KB_MATCH_THRESHOLD',
] as const;

export function supportEnvironment(
  endpoints: { jira: string; confluence: string },
  stateMachines: Record<string, string>,
): Record<string, string> {
  return {
    SUPPORT_STATE_MACHINE_ARN: stateMachines.support ?? '',
    SLA_WATCH_STATE_MACHINE_ARN: stateMachines['sla-watch'] ?? '',
    SUPPORT_EMAIL_FROM: 'support@voice-automation.example',
    TEAM_TECHNICAL_EMAIL: 'support-technical@voice-automation.example',
    TEAM_SUCCESS_EMAIL: 'customer-success@voice-automation.example',
    JIRA_BASE_URL: endpoints.jira,
    JIRA_EMAIL: SUPPORT_SECRETS.jiraEmail,
    JIRA_TOKEN: SUPPORT_SECRETS.jiraToken,
    JIRA_PROJECT_KEY: LOCAL_JIRA_PROJECT,
    KB_ARTICLE_BASE_URL: 'https://help.voice-automation.example',
    CONFLUENCE_BASE_URL: endpoints.confluence,
    CONFLUENCE_EMAIL: SUPPORT_SECRETS.confluenceEmail,
    CONFLUENCE_TOKEN: SUPPORT_SECRETS.confluenceToken,
    CONFLUENCE_SPACE_KEY: LOCAL_CONFLUENCE_SPACE,
  };
}
