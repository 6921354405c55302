/**
 * Issue-tracker connector for Jira Cloud's REST API v3: creates bug issues with a description in
 * Atlassian Document Format, authenticated with an account e-mail and API token (Basic auth).
 */
import { ServiceUnavailableError } from '../core/errors';
import { requestJson } from './http-client';

export const JIRA_SERVICE = 'jira';

export interface JiraClientOptions {
  /** e.g. `https://your-site.atlassian.net`; no default, so nothing is ever called by accident. */
  baseUrl: string;
  email: string;
  token: string;
  timeoutMs: number;
}

export interface NewIssue {
  projectKey: string;
  issueType: string;
  summary: string;
  /** Paragraphs of plain text. */
  description: string[];
  /** Labels have no spaces; one of them should identify the issue's origin for look-ups. */
  labels: string[];
  /** A priority name of the Jira site, e.g. `High`. */
  priority?: string;
}

export interface JiraIssue {
  id: string;
  key: string;
  /** Where a person opens it. */
  url: string;
}

/** A plain-text paragraph list as an Atlassian Document Format document. */
export function adfDocument(paragraphs: string[]) {
  return {
    type: 'doc',
    version: 1,
    content: paragraphs
      .filter((text) => text.trim() !== '')
      .map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
  };
}

export function createJiraClient(options: JiraClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const credentials = Buffer.from(`${options.email}:${options.token}`).toString('base64');
  const call = <T>(method: string, path: string, body?: unknown) =>
    requestJson<T>(JIRA_SERVICE, {
      url: `${baseUrl}${path}`,
      method,
      headers: { authorization: `Basic ${credentials}` },
      body,
      timeoutMs: options.timeoutMs,
    });
  const issueOf = (id: string, key: string): JiraIssue => ({
    id,
    key,
    url: `${baseUrl}/browse/${encodeURIComponent(key)}`,
  });

  return {
    /** The first issue carrying `label`, so that a replayed step does not file a second one. */
    async findIssueByLabel(label: string): Promise<JiraIssue | undefined> {
      const { body } = await call<{ issues?: Array<{ id: string; key: string }> }>(
        'POST',
        '/rest/api/3/search/jql',
        { jql: `labels = "${label.replace(/["\\]/g, '')}"`, fields: ['summary'], maxResults: 1 },
      );
      const found = body?.issues?.[0];
      return found ? issueOf(found.id, found.key) : undefined;
    },

    async createIssue(issue: NewIssue): Promise<JiraIssue> {
      const { status, body } = await call<{ id?: string; key?: string }>(
        'POST',
        '/rest/api/3/issue',
        {
          fields: {
            project: { key: issue.projectKey },
            issuetype: { name: issue.issueType },
            summary: issue.summary.slice(0, 255),
            description: adfDocument(issue.description),
            labels: issue.labels,
            ...(issue.priority ? { priority: { name: issue.priority } } : {}),
          },
        },
      );
      if (typeof body?.id !== 'string' || typeof body.key !== 'string') {
        throw new ServiceUnavailableError(JIRA_SERVICE, status);
      }
      return issueOf(body.id, body.key);
    },
  };
}

export type JiraClient = ReturnType<typeof createJiraClient>;
