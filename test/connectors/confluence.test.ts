import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfluenceClient, textOfHtml } from '../../functions/connectors/confluence';
import { RateLimitedError, UpstreamRejectedError } from '../../functions/core/errors';
import { createConfluenceKnowledgeBase } from '../../functions/support/knowledge-base/knowledge-base';
import { confluencePages } from '../../local/confluence-seed';
import { startConfluenceStandin } from '../../local/standins/confluence';
import type { StandinServer } from '../../local/standins/standin-server';
import { FAULT_CASES, failureOf, SHORT_TIMEOUT_MS } from './fault-cases';

const EMAIL = 'bot@our-company.example';
const TOKEN = 'confluence-api-token';

describe('Confluence connector against the Confluence stand-in', () => {
  let confluence: StandinServer;
  let client: ReturnType<typeof createConfluenceClient>;

  beforeAll(async () => {
    confluence = await startConfluenceStandin({
      email: EMAIL,
      token: TOKEN,
      pages: confluencePages('HELP'),
    });
    client = createConfluenceClient({
      baseUrl: confluence.url,
      email: EMAIL,
      token: TOKEN,
      timeoutMs: 2000,
    });
  });
  afterAll(() => confluence.close());

  it('searches one space with CQL and answers pages as plain text with their links', async () => {
    // Act
    const pages = await client.searchPages('HELP', ['password', 'Passwort']);

    // Assess
    expect(pages.map((page) => page.title)).toEqual([
      'Passwort zurücksetzen und anmelden',
      'Reset your password and sign in',
    ]);
    expect(pages[1]?.text).toContain('Forgot your password?');
    expect(pages[1]?.text).not.toContain('<');
    expect(pages[1]?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/wiki\/spaces\/HELP\/pages\/\d+$/);
    const [request] = confluence.requests();
    expect(request).toMatchObject({
      path: '/wiki/rest/api/content/search',
      headers: { authorization: 'Basic [redacted]' },
      query: {
        cql: 'type = page AND space = "HELP" AND (text ~ "password" OR text ~ "Passwort")',
        expand: 'body.view,metadata.labels',
      },
    });
  });

  it('answers a question with confidence through the same matcher as the embedded articles', async () => {
    // Prepare
    const knowledgeBase = createConfluenceKnowledgeBase({
      client,
      spaceKey: 'HELP',
      threshold: 0.6,
    });

    // Act
    const answer = await knowledgeBase.answer('I forgot my password and cannot log in.', 'en');
    const unsure = await knowledgeBase.answer('What will the weather be tomorrow?', 'en');

    // Assess
    expect(answer).toMatchObject({
      confident: true,
      source: 'confluence',
      article: { title: 'Reset your password and sign in' },
    });
    expect(answer.article?.gist).toMatch(/^Reset your password and sign in/);
    expect(unsure.confident).toBe(false);
  });

  it('reads Confluence HTML as text', () => {
    expect(textOfHtml('<p>Open <strong>Calls</strong> &amp; export.</p><p>Done&nbsp;!</p>')).toBe(
      'Open Calls & export.\nDone !',
    );
  });

  it('rejects a wrong token with UpstreamRejectedError 401', async () => {
    const intruder = createConfluenceClient({
      baseUrl: confluence.url,
      email: EMAIL,
      token: 'x',
      timeoutMs: 2000,
    });

    const error = await failureOf(() => intruder.searchPages('HELP', ['password']));

    expect(error).toBeInstanceOf(UpstreamRejectedError);
    expect(error).toMatchObject({ status: 401 });
  });

  it.each(FAULT_CASES)('maps a fault: $title', async ({ fault, error: expected, short }) => {
    // Prepare
    confluence.reset();
    confluence.injectFault(fault);
    const timeoutMs = short ? SHORT_TIMEOUT_MS : 2000;
    const faulty = createConfluenceClient({
      baseUrl: confluence.url,
      email: EMAIL,
      token: TOKEN,
      timeoutMs,
    });

    // Act
    const error = await failureOf(() => faulty.searchPages('HELP', ['password']));

    // Assess
    expect(error).toBeInstanceOf(expected);
    if (error instanceof RateLimitedError) expect(error.retryAfterSeconds).toBe(7);
    expect(confluence.requests()[0]?.fault).toBe(fault.kind);
  });
});
