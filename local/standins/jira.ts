/**
 * Loopback stand-in for the parts of Jira Cloud's REST API v3 the issue-tracker connector uses:
 * create an issue, find issues by label with JQL, read one. Basic auth with e-mail and API token.
 */
import {
  type StandinReply,
  type StandinRequest,
  type StandinServer,
  startStandinServer,
} from './standin-server';

export interface JiraStandinOptions {
  email: string;
  token: string;
  /** Project keys that exist. */
  projects: string[];
  port?: number;
}

export interface JiraIssueRecord {
  id: string;
  key: string;
  fields: Record<string, unknown> & { labels?: string[] };
  created: string;
}

export interface JiraStandin extends StandinServer {
  issues(): JiraIssueRecord[];
}

const ISSUE = /^\/rest\/api\/3\/issue\/([A-Z][A-Z0-9_]*-\d+|\d+)$/;

export async function startJiraStandin(options: JiraStandinOptions): Promise<JiraStandin> {
  let issues: JiraIssueRecord[] = [];
  let nextId = 10_001;
  const expected = `Basic ${Buffer.from(`${options.email}:${options.token}`).toString('base64')}`;

  const route = (req: StandinRequest): StandinReply => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (req.method === 'POST' && req.path === '/rest/api/3/issue') return create(body);
    if (req.method === 'POST' && req.path === '/rest/api/3/search/jql') return search(body);
    const key = ISSUE.exec(req.path)?.[1];
    if (req.method === 'GET' && key) {
      const issue = issues.find((i) => i.key === key || i.id === key);
      return issue
        ? { status: 200, json: { id: issue.id, key: issue.key, fields: issue.fields } }
        : jiraError(404, ['Issue does not exist or you do not have permission to see it.']);
    }
    return jiraError(404, ['Not found']);
  };

  const create = (body: Record<string, unknown>): StandinReply => {
    const fields = (body.fields ?? {}) as Record<string, unknown>;
    const project = (fields.project as { key?: string } | undefined)?.key ?? '';
    const errors: Record<string, string> = {};
    if (!options.projects.includes(project)) errors.project = 'valid project is required';
    if (typeof fields.summary !== 'string' || !fields.summary) errors.summary = 'required';
    if (!(fields.issuetype as { name?: string } | undefined)?.name) errors.issuetype = 'required';
    const description = fields.description as { type?: string; version?: number } | undefined;
    if (description && (description.type !== 'doc' || description.version !== 1)) {
      errors.description = 'Operation value must be an Atlassian Document';
    }
    if (Object.keys(errors).length > 0) return jiraError(400, [], errors);

    const id = String(nextId);
    nextId += 1;
    const key = `${project}-${issues.filter((i) => i.key.startsWith(`${project}-`)).length + 1}`;
    issues.push({ id, key, fields, created: new Date().toISOString() });
    return { status: 201, json: { id, key, self: `/rest/api/3/issue/${id}` } };
  };

  /** Only what the connector sends: `labels = "x"`. */
  const search = (body: Record<string, unknown>): StandinReply => {
    const label = /^labels\s*=\s*"([^"]*)"$/.exec(String(body.jql ?? '').trim())?.[1];
    if (label === undefined) return jiraError(400, ['The stand-in understands labels = "…" only.']);
    const found = issues.filter((issue) => issue.fields.labels?.includes(label));
    const max = typeof body.maxResults === 'number' ? body.maxResults : 50;
    return {
      status: 200,
      json: {
        issues: found.slice(0, max).map((i) => ({ id: i.id, key: i.key, fields: i.fields })),
        isLast: true,
      },
    };
  };

  const server = await startStandinServer({
    service: 'jira',
    ...(options.port === undefined ? {} : { port: options.port }),
    handle: (req) =>
      req.headers.authorization === expected
        ? route(req)
        : jiraError(401, ['Client must be authenticated to access this resource.']),
    faultReply: (status) =>
      jiraError(status, [status === 429 ? 'Rate limit exceeded.' : 'Injected fault.']),
    state: () => ({ issues }),
    onReset: () => {
      issues = [];
      nextId = 10_001;
    },
  });
  return Object.assign(server, { issues: () => [...issues] });
}

function jiraError(
  status: number,
  errorMessages: string[],
  errors: Record<string, string> = {},
): StandinReply {
  return { status, json: { errorMessages, errors } };
}
