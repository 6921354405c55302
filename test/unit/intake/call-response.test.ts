import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Language } from '../../../functions/core/call';
import type { WorkflowOutcome } from '../../../functions/core/outcome';
import {
  callerLanguage,
  callResponse,
  type ResponseContext,
} from '../../../functions/intake/call-response';

const CONTEXT: ResponseContext = {
  executionId: 'exec_5c1e0f7a9b2d4e6f8a0b1c2d3e4f5a6b',
  workflow: 'lead',
  language: 'en',
  timeZone: 'Europe/Berlin',
  elapsedMs: 4_870,
};

/** A lead run where the chat notification failed and the rest went out. */
const PARTIAL: WorkflowOutcome = {
  workflowId: 'wf_lead',
  status: 'partial',
  results: {
    lead_created: { crm_contact_id: 'crm_48213', new_contact: true, lead_score: 67 },
    notifications_sent: { email_confirmation: 'sent', chat_notification: 'failed' },
  },
  errors: ['chat: ServiceUnavailableError'],
  warnings: ['Chat service temporarily unavailable'],
  highlights: {
    followUpAt: '2024-03-13T09:00:00.000Z',
    team: 'standard',
    failedChannels: ['chat'],
    workingChannels: ['email', 'calendar'],
  },
  executionTimeMs: 2_312,
  finishedAt: '2024-03-12T09:41:31.312Z',
};

describe('callerLanguage', () => {
  it.each<[string, Language | undefined, string | undefined, Language]>([
    ['the body language over a different Accept-Language', 'de', 'en-US,en;q=0.9', 'de'],
    ['English from the body over a German Accept-Language', 'en', 'de-DE', 'en'],
    ['the highest q-value, not the first entry', undefined, 'en;q=0.4, de-AT;q=0.9', 'de'],
    ['a browser-style German list', undefined, 'de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7', 'de'],
    [
      'the best supported language after an unsupported one',
      undefined,
      'fr-FR, en-GB;q=0.5, de;q=0.3',
      'en',
    ],
    ['a region tag in any case', undefined, 'DE-ch', 'de'],
    ['English when the language is unsupported', undefined, 'fr-CH, it;q=0.8', 'en'],
    ['English without any header', undefined, undefined, 'en'],
    ['English for an empty header', undefined, '', 'en'],
    ['English for the wildcard', undefined, '*', 'en'],
    ['English for garbage', undefined, ';;,=q;q=,, ;', 'en'],
    ['English over a German entry with an unreadable q-value', undefined, 'de;q=abc', 'en'],
  ])('picks %s', (_, bodyLanguage, acceptLanguage, expected) => {
    expect(callerLanguage(bodyLanguage, acceptLanguage)).toBe(expected);
  });

  it('does not pick a language the caller marked as not acceptable with q=0', () => {
    // Prepare: RFC 9110 12.4.2, "a value of 0 means not acceptable"
    const acceptLanguage = 'fr-FR, de;q=0';

    // Act
    const language = callerLanguage(undefined, acceptLanguage);

    // Assess
    expect(language).toBe('en');
  });
});

describe('callResponse', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-03-12T09:41:31Z'));
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers accepted with the elapsed time while the run has no outcome yet', () => {
    // Act
    const response = callResponse(CONTEXT);

    // Assess
    expect(response).toEqual({
      workflow_id: 'wf_lead',
      execution_id: CONTEXT.executionId,
      status: 'accepted',
      execution_time_ms: 4_870,
      results: {},
      errors: [],
      warnings: [],
      notes: [],
      message: expect.stringContaining('still being processed'),
    });
  });

  it('names the workflow in the id of an answer without outcome', () => {
    // Act
    const response = callResponse({ ...CONTEXT, workflow: 'support' });

    // Assess
    expect(response.workflow_id).toBe('wf_support');
  });

  it('tells a German caller in German that the run is still going', () => {
    // Act
    const response = callResponse({ ...CONTEXT, language: 'de' });

    // Assess
    expect(response.message).toContain('Die Bearbeitung läuft noch');
  });

  it('answers with the outcome and its own execution time once the run has finished', () => {
    // Act
    const response = callResponse(CONTEXT, PARTIAL);

    // Assess
    expect(response).toEqual({
      workflow_id: 'wf_lead',
      execution_id: CONTEXT.executionId,
      status: 'partial',
      execution_time_ms: 2_312,
      results: PARTIAL.results,
      errors: ['chat: ServiceUnavailableError'],
      warnings: ['Chat service temporarily unavailable'],
      notes: [],
      message:
        'Everything is set up. There was a minor technical note regarding the chat service, ' +
        'but you have received the e-mail confirmation and the calendar invitation.',
    });
  });

  it('speaks the outcome in the caller language', () => {
    // Act
    const response = callResponse({ ...CONTEXT, language: 'de' }, PARTIAL);

    // Assess
    expect(response.message).toMatch(/^Alles ist eingerichtet\./);
    expect(response.message).toContain('zum Chat-Dienst');
  });

  it('reassures the caller when a completed run has warnings', () => {
    // Prepare
    const outcome: WorkflowOutcome = {
      ...PARTIAL,
      status: 'completed',
      errors: [],
      warnings: ['Company enrichment unavailable; scored without company data'],
      highlights: { ...PARTIAL.highlights, failedChannels: [], workingChannels: ['email'] },
    };

    // Act
    const response = callResponse(CONTEXT, outcome);

    // Assess
    expect(response.status).toBe('completed');
    expect(response.message).toContain('If you do not receive a confirmation within the next hour');
  });

  it('confirms a completed run with the follow-up time and the team', () => {
    // Prepare: 09:00 UTC on 13 March is 10 am in Berlin, the day after the fixed clock
    const outcome: WorkflowOutcome = {
      ...PARTIAL,
      status: 'completed',
      errors: [],
      warnings: [],
      highlights: { ...PARTIAL.highlights, failedChannels: [], workingChannels: ['email', 'chat'] },
    };

    // Act
    const response = callResponse(CONTEXT, outcome);

    // Assess
    expect(response.message).toBe(
      'Perfect! I have processed your request and scheduled a follow-up for tomorrow at 10 am. ' +
        'A colleague from our sales team will get in touch with you.',
    );
  });
});
