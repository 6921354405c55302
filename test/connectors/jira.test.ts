import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adfDocument, createJiraClient } from '../../functions/connectors/jira';
import { RateLimitedError, UpstreamRejectedError } from '../../functions/core/errors';
import { type JiraStandin, startJiraStandin } from '../../local/standins/jira';
import { FAULT_CASES, failureOf, SHORT_TIMEOUT_MS } from './fault-cases';

const EMAIL = 'bot@our-company.example';
const TOKEN = 'jira-api-token';

describe('Jira connector against the Jira stand-in', () => {
  let jira: JiraStandin;
  let client: ReturnType<typeof createJiraClient>;
  const bug = {
    projectKey: 'SUP',
    issueType: 'Bug',
    summary: 'Outbound calls fail with SIP 503',
    description: ['Reported on a support call.', 'Every outbound call fails.'],
    labels: ['helpdesk-ticket-1042', 'phone-support'],
    priority: 'Highest',
  };

  beforeAll(async () => {
    jira = await startJiraStandin({ email: EMAIL, token: TOKEN, projects: ['SUP'] });
    client = createJiraClient({ baseUrl: jira.url, email: EMAIL, token: TOKEN, timeoutMs: 2000 });
  });
  beforeEach(() => jira.reset());
  afterAll(() => jira.close());

  it('creates a bug with an ADF description and Basic auth, and answers its key and link', async () => {
    // Act
    const issue = await client.createIssue(bug);

    // Assess
    expect(issue).toEqual({ id: '10001', key: 'SUP-1', url: `${jira.url}/browse/SUP-1` });
    expect(jira.requests()[0]).toMatchObject({
      method: 'POST',
      path: '/rest/api/3/issue',
      headers: { authorization: 'Basic [redacted]' },
      body: {
        fields: {
          project: { key: 'SUP' },
          issuetype: { name: 'Bug' },
          summary: 'Outbound calls fail with SIP 503',
          labels: ['helpdesk-ticket-1042', 'phone-support'],
          priority: { name: 'Highest' },
          description: adfDocument(bug.description),
        },
      },
    });
  });

  it('writes paragraphs as an Atlassian document', () => {
    expect(adfDocument(['One.', '', 'Two.'])).toEqual({
      type: 'doc',
      version: 1,
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'One.' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Two.' }] },
      ],
    });
  });

  it('finds an issue by its label with JQL, and nothing for an unknown label', async () => {
    // Prepare
    await client.createIssue(bug);

    // Act
    const found = await client.findIssueByLabel('helpdesk-ticket-1042');
    const missing = await client.findIssueByLabel('helpdesk-ticket-9');

    // Assess
    expect(found?.key).toBe('SUP-1');
    expect(missing).toBeUndefined();
    expect(jira.requests({ path: '/rest/api/3/search/jql' })[0]?.body).toEqual({
      jql: 'labels = "helpdesk-ticket-1042"',
      fields: ['summary'],
      maxResults: 1,
    });
  });

  it('rejects an unknown project with UpstreamRejectedError 400', async () => {
    const error = await failureOf(() => client.createIssue({ ...bug, projectKey: 'NOPE' }));

    expect(error).toBeInstanceOf(UpstreamRejectedError);
    expect(error).toMatchObject({ status: 400 });
  });

  it('rejects a wrong token with UpstreamRejectedError 401', async () => {
    const intruder = createJiraClient({
      baseUrl: jira.url,
      email: EMAIL,
      token: 'x',
      timeoutMs: 2000,
    });

    expect(await failureOf(() => intruder.createIssue(bug))).toMatchObject({ status: 401 });
  });

  it.each(FAULT_CASES)('maps a fault: $title', async ({ fault, error: expected, short }) => {
    // Prepare
    jira.injectFault({ ...fault, path: '/rest/api/3/issue' });
    const timeoutMs = short ? SHORT_TIMEOUT_MS : 2000;
    const faulty = createJiraClient({ baseUrl: jira.url, email: EMAIL, token: TOKEN, timeoutMs });

    // Act
    const error = await failureOf(() => faulty.createIssue(bug));

    // Assess
    expect(error).toBeInstanceOf(expected);
    if (error instanceof RateLimitedError) expect(error.retryAfterSeconds).toBe(7);
    expect(jira.requests()[0]?.fault).toBe(fault.kind);
  });
});
