import { describe, expect, it } from 'vitest';
import type { Call } from '../../../functions/core/call';
import { type SupportState, supportOutcome } from '../../../functions/support/support-outcome';
import type { SupportAssessment } from '../../../functions/support/support-task';

const RECEIVED = Date.parse('2026-12-04T14:00:00Z');

const call: Call = {
  flowId: 'support',
  triggerSource: 'mid_call_tool',
  contact: { email: 'nils@initrode.example', emailKey: 'nils@initrode.example', name: 'Nils Berg' },
  summary: 'Since this morning every outbound call fails with error SIP 503.',
  intent: 'support',
  urgency: 'high',
  leadSource: 'phone_call',
  followUpRequired: true,
  painPoints: [],
  competitors: [],
  notes: [],
};

const assessment: SupportAssessment = {
  level: 'high',
  complaint: false,
  bugReport: true,
  bugSignals: ['error code', 'failure'],
  subject: call.summary,
  sla: {
    level: 'high',
    target: '4h',
    startedAt: '2026-12-04T14:00:00.000Z',
    warnAt: '2026-12-04T17:12:00.000Z',
    dueAt: '2026-12-04T18:00:00.000Z',
    withinMinutes: 240,
  },
};

const article = {
  id: 'call-forwarding',
  language: 'en' as const,
  title: 'Forward calls to another number',
  url: 'https://help.example/en/articles/call-forwarding',
  gist: 'Add a forwarding rule under Routing.',
  text: '…',
};

function state(overrides: Partial<SupportState> = {}): SupportState {
  return {
    executionId: 'exec_1',
    receivedAt: RECEIVED,
    language: 'en',
    call,
    assessment,
    ticket: { ticketId: '1042', contactId: '1011', created: true },
    research: {
      answer: {
        confident: false,
        confidence: 0.2,
        threshold: 0.6,
        source: 'local',
        matchedTerms: [],
      },
      similar: { tickets: [{ id: '1007', subject: 'SIP 503', stage: 'closed' }] },
    },
    handling: [
      {
        path: 'technical',
        steps: [
          {
            status: 'updated',
            channel: 'helpdesk',
            step: 'technical-team',
            id: '1042',
            to: 'tech@example.com',
          },
          { status: 'sent', channel: 'email', step: 'response-time', id: 'm1' },
          { status: 'sent', channel: 'chat', step: 'technical-ticket', id: '1.0001' },
          {
            status: 'started',
            channel: 'sla',
            step: 'sla-watch',
            id: 'arn:watch',
            at: assessment.sla.dueAt,
          },
          {
            status: 'created',
            channel: 'tracker',
            step: 'bug-issue',
            id: 'SUP-7',
            url: 'https://jira.example/browse/SUP-7',
          },
        ],
      },
      { status: 'skipped', reason: 'not a complaint' },
    ],
    ...overrides,
  };
}

describe('supportOutcome', () => {
  it('reports a bug handed to the technical team with its SLA, issue and ticket', () => {
    // Act
    const outcome = supportOutcome(state(), RECEIVED + 120);

    // Assess
    expect(outcome).toMatchObject({
      workflowId: 'wf_support',
      status: 'completed',
      executionTimeMs: 120,
      errors: [],
      warnings: [],
      results: {
        ticket: {
          ticket_id: '1042',
          resolution: 'technical_team',
          priority: 'high',
          assigned_to: 'tech@example.com',
        },
        knowledge_base: { answered: false, confidence: 0.2 },
        similar_tickets: ['1007'],
        sla: {
          level: 'high',
          target: '4h',
          respond_by: '2026-12-04T18:00:00.000Z',
          watch: 'started',
        },
        issue: { key: 'SUP-7', url: 'https://jira.example/browse/SUP-7' },
        notifications_sent: {
          email_response_time: 'sent',
          chat_notification: 'sent',
          success_team_copy: 'skipped',
        },
      },
      highlights: {
        ticketNumber: '1042',
        team: 'technical',
        respondBy: '2026-12-04T18:00:00.000Z',
        respondWithinMinutes: 240,
        workingChannels: ['email'],
      },
    });
  });

  it('reports a self-service answer with its article and gist, and no SLA', () => {
    // Prepare
    const answered = state({
      research: {
        answer: {
          confident: true,
          confidence: 0.9,
          threshold: 0.6,
          source: 'local',
          matchedTerms: ['forward'],
          article,
        },
        similar: { tickets: [] },
      },
      handling: [
        {
          path: 'self_service',
          steps: [
            { status: 'sent', channel: 'email', step: 'knowledge-answer', id: 'm2' },
            { status: 'updated', channel: 'helpdesk', step: 'self-service', id: '1042' },
          ],
        },
        { status: 'skipped', reason: 'not a complaint' },
      ],
      assessment: { ...assessment, bugReport: false },
    });

    // Act
    const outcome = supportOutcome(answered, RECEIVED);

    // Assess
    expect(outcome.results).not.toHaveProperty('sla');
    expect(outcome.results.knowledge_base).toEqual({
      answered: true,
      confidence: 0.9,
      article: 'call-forwarding',
      article_url: article.url,
    });
    expect(outcome.highlights).toEqual({
      ticketNumber: '1042',
      answerGist: 'Add a forwarding rule under Routing.',
      failedChannels: [],
      workingChannels: ['email'],
    });
  });

  it('is partial with a warning per failed service, and says which refused', () => {
    // Prepare
    const failing = state();
    failing.handling = [
      {
        path: 'technical',
        steps: [
          {
            status: 'failed',
            channel: 'tracker',
            step: 'bug-issue',
            error: 'ServiceUnavailableError',
          },
          {
            status: 'failed',
            channel: 'chat',
            step: 'technical-ticket',
            error: 'UpstreamRejectedError',
          },
        ],
      },
      { status: 'failed', channel: 'email', step: 'complaint-copy', error: 'NetworkError' },
    ];

    // Act
    const outcome = supportOutcome(failing, RECEIVED);

    // Assess
    expect(outcome.status).toBe('partial');
    expect(outcome.warnings).toEqual([
      'Issue tracker temporarily unavailable',
      'Chat service refused the request; check its configuration',
      'E-mail service temporarily unavailable',
    ]);
    expect(outcome.results.issue).toEqual({ status: 'failed' });
    expect(outcome.highlights.failedChannels).toEqual(['tracker', 'chat', 'email']);
  });

  it('warns when the knowledge base or the ticket search could not be asked', () => {
    // Prepare
    const unavailable = state({
      research: {
        answer: { confident: false, unavailable: true, error: 'NetworkError' },
        similar: { tickets: [], unavailable: true },
      },
    });

    // Act
    const outcome = supportOutcome(unavailable, RECEIVED);

    // Assess
    expect(outcome.status).toBe('completed');
    expect(outcome.warnings).toEqual([
      'Knowledge base unavailable; the technical team takes the ticket',
      'Similar-ticket search unavailable',
    ]);
  });
});
