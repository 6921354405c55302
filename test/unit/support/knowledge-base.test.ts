import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticle, plainText } from '../../../functions/support/knowledge-base/article';
import { ARTICLE_FILES } from '../../../functions/support/knowledge-base/articles';
import { embeddedArticles } from '../../../functions/support/knowledge-base/local-articles';
import { createArticleMatcher } from '../../../functions/support/knowledge-base/matcher';
import { PROJECT_ROOT } from '../../../local/stack';
import { readArticleFiles } from '../../../scripts/build-knowledge-base';

/** The default KB_MATCH_THRESHOLD. */
const THRESHOLD = 0.6;
const articles = embeddedArticles('https://help.voice-automation.example');
const matcher = createArticleMatcher(articles);

describe('the knowledge-base matcher', () => {
  it.each([
    ['How do I forward calls to my mobile when the office is closed?', 'en', 'call-forwarding'],
    ["Caller wants to download last month's invoice as a PDF.", 'en', 'invoices'],
    ['How can I change the voice of the assistant to a male voice?', 'en', 'agent-voice'],
    [
      'Where can I find the recordings of my calls and export the transcripts?',
      'en',
      'call-recordings',
    ],
    ['I forgot my password and cannot log in.', 'en', 'login-password'],
    [
      'Customer asks how to connect her Outlook calendar so the agent can book appointments.',
      'en',
      'calendar-booking',
    ],
    ['Can I keep my existing phone number when I switch to you?', 'en', 'number-porting'],
    [
      'Wie kann ich Anrufe auf mein Handy weiterleiten, wenn das Büro geschlossen ist?',
      'de',
      'call-forwarding',
    ],
    ['Wo finde ich meine Rechnungen und wie ändere ich die Rechnungsadresse?', 'de', 'invoices'],
    ['Kann ich die Stimme des Assistenten ändern?', 'de', 'agent-voice'],
    ['Ich habe mein Passwort vergessen und kann mich nicht anmelden.', 'de', 'login-password'],
    ['Wie übertrage ich meine bestehende Rufnummer zu Ihnen?', 'de', 'number-porting'],
    [
      'Wie trage ich Feiertage in die Öffnungszeiten ein, damit eine Ansage kommt?',
      'de',
      'opening-hours',
    ],
    [
      'Kunde fragt, wo er die Aufzeichnungen seiner Gespräche herunterladen kann.',
      'de',
      'call-recordings',
    ],
  ])('answers %j with the %s article %s', (question, language, id) => {
    // Act
    const match = matcher.match(question);

    // Assess
    expect(match?.article).toMatchObject({ id, language });
    expect(match?.confidence).toBeGreaterThanOrEqual(THRESHOLD);
  });

  it.each([
    'Since this morning all outbound calls fail with error SIP 503 and the dashboard crashes.',
    'I want to cancel my contract and get a refund.',
    'The agent keeps calling customers by the wrong name.',
    'We were charged twice this month, I want my money back.',
    'What will the weather be in Berlin tomorrow?',
    'Seit dem Update stürzt die App beim Export ab, Fehlercode E-4711.',
    'Ich möchte mich über einen unfreundlichen Mitarbeiter beschweren.',
    'Der Kunde möchte seinen Vertrag kündigen.',
    'Die Sprachqualität ist seit gestern schlecht, Anrufer hören mich abgehackt.',
    'Unsere Rechnung ist zu hoch, wir wurden doppelt belastet.',
  ])('is not confident about %j', (question) => {
    // Act
    const match = matcher.match(question);

    // Assess
    expect(match?.confidence ?? 0).toBeLessThan(THRESHOLD);
  });

  it('matches German inflections, umlauts written out and ß', () => {
    // Act
    const match = matcher.match('Wo sind die Rechnungen? Ich möchte die Rechnungsadresse aendern.');

    // Assess
    expect(match?.article.id).toBe('invoices');
    expect(match?.matchedTerms).toEqual(expect.arrayContaining(['rechnung', 'rechnungsadress']));
  });

  it('names the terms that matched, for the ticket and the logs', () => {
    expect(matcher.match('I forgot my password')?.matchedTerms).toEqual(['forgot', 'password']);
  });
});

describe('the embedded articles', () => {
  it('are the Markdown files as they are now (run npm run kb:build after editing them)', async () => {
    expect(ARTICLE_FILES).toEqual(await readArticleFiles());
  });

  it('exist in English and German under the same ids, each with a gist and a link', () => {
    const ids = (language: string) =>
      articles
        .filter((article) => article.language === language)
        .map((article) => article.id)
        .sort();

    expect(ids('de')).toEqual(ids('en'));
    expect(ids('en').length).toBeGreaterThanOrEqual(6);
    for (const article of articles) {
      expect(article.gist.length).toBeGreaterThan(40);
      expect(article.url).toBe(
        `https://help.voice-automation.example/${article.language}/articles/${article.id}`,
      );
    }
  });

  it('refuses an article without front matter, naming the file', () => {
    expect(() => parseArticle('# Title only', 'en', 'en/broken.md', (id) => id)).toThrow(
      'Knowledge-base article en/broken.md: no front matter between --- lines',
    );
  });

  it('turns the body into plain text for e-mail', () => {
    const source = readFileSync(
      join(PROJECT_ROOT, 'functions/support/knowledge-base/en/invoices.md'),
      'utf8',
    );
    const article = parseArticle(source, 'en', 'en/invoices.md', (id) => id);

    expect(plainText(article.body)).toContain('• Billing address and company name');
    expect(plainText(article.body)).not.toMatch(/\*\*|^#/m);
  });

  it('takes emphasis that wraps onto the next line out of every article as well', () => {
    for (const file of ['en/call-forwarding.md', 'de/call-forwarding.md', 'en/opening-hours.md']) {
      const source = readFileSync(
        join(PROJECT_ROOT, 'functions/support/knowledge-base', file),
        'utf8',
      );
      const article = parseArticle(source, 'en', file, (id) => id);

      expect(plainText(article.body)).not.toContain('**');
    }
  });
});
