/**
 * The secrets of a deployment: one Secrets Manager secret per variable the functions read, as
 * plain text (a comma-separated list where the variable takes several). The operator creates
 * them; the stack only names them, so that no value is ever in a template or in cdk.json.
 */

/** The variables held in secrets, each with the setting that names its secret. */
export const SECRET_SETTINGS = {
  WEBHOOK_TOKENS: 'webhookTokensSecretName',
  WEBHOOK_SIGNING_SECRETS: 'webhookSigningSecretsSecretName',
  HUBSPOT_TOKEN: 'hubspotTokenSecretName',
  SLACK_TOKEN: 'slackTokenSecretName',
  ENRICHMENT_TOKEN: 'enrichmentTokenSecretName',
  JIRA_TOKEN: 'jiraTokenSecretName',
  CONFLUENCE_TOKEN: 'confluenceTokenSecretName',
  APPROVAL_LINK_SECRETS: 'approvalLinkSecretsSecretName',
  ADMIN_TOKENS: 'adminTokensSecretName',
} as const;

export type SecretVariable = keyof typeof SECRET_SETTINGS;
export type SecretSetting = (typeof SECRET_SETTINGS)[SecretVariable];

/** What each secret holds, for the deploy guide's commands and the synth's messages. */
export const SECRET_CONTENTS: Record<SecretVariable, string> = {
  WEBHOOK_TOKENS: 'the bearer tokens the voice platform sends, comma-separated for rotation',
  WEBHOOK_SIGNING_SECRETS: 'the whsec_ signing secrets of the webhook, comma-separated',
  HUBSPOT_TOKEN: 'the HubSpot private app token (CRM and tickets)',
  SLACK_TOKEN: 'the Slack bot token',
  ENRICHMENT_TOKEN: 'the company enrichment API key',
  JIRA_TOKEN: 'the Jira Cloud API token',
  CONFLUENCE_TOKEN: 'the Confluence Cloud API token',
  APPROVAL_LINK_SECRETS: 'secrets of 32+ characters that sign approval links, the first signs',
  ADMIN_TOKENS: 'the bearer tokens of the data-protection endpoint, comma-separated',
};

/** `HUBSPOT_TOKEN` in stage `prod` is kept in `voice-automation/prod/hubspot-token`. */
export function defaultSecretName(stage: string, variable: SecretVariable): string {
  return `voice-automation/${stage}/${variable.toLowerCase().replaceAll('_', '-')}`;
}

export interface SecretChoices {
  stage: string;
  knowledgeBase?: 'local' | 'confluence' | undefined;
  names: Partial<Record<SecretSetting, string | undefined>>;
}

/**
 * The secret of each variable this deployment reads. Signatures are checked only when their
 * secret is named (the voice platform must be able to sign), and the Confluence token is read
 * only with the Confluence knowledge base; every other secret is needed, under its default name
 * unless the configuration names another.
 */
export function secretNamesOf(choices: SecretChoices): Partial<Record<SecretVariable, string>> {
  const optIn = new Set<SecretVariable>(['WEBHOOK_SIGNING_SECRETS']);
  if (choices.knowledgeBase !== 'confluence') optIn.add('CONFLUENCE_TOKEN');

  const names: Partial<Record<SecretVariable, string>> = {};
  for (const [variable, setting] of Object.entries(SECRET_SETTINGS) as Array<
    [SecretVariable, SecretSetting]
  >) {
    const named = choices.names[setting];
    if (named) names[variable] = named;
    else if (!optIn.has(variable)) names[variable] = defaultSecretName(choices.stage, variable);
  }
  return names;
}
