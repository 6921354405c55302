import { describe, expect, it } from 'vitest';
import type { Call } from '../../../functions/core/call';
import { type LeadState, leadOutcome } from '../../../functions/lead/lead-outcome';
import type { StepReport } from '../../../functions/lead/lead-task';
import type { LeadScore } from '../../../functions/lead/score-lead';
import { FIXTURE_CALL } from '../../fixtures/calls';

type FollowUps = NonNullable<LeadState['followUps']>;
type Failed = { status: 'failed'; channel: StepReport['channel']; error: string };

const RECEIVED_AT = Date.parse('2024-03-12T09:41:27.000Z');
const NOW = RECEIVED_AT + 3_412;
const FOLLOW_UP_AT = '2024-03-13T09:00:00.000Z';

/** The normalised fixture call (test/fixtures/call-body.json), with a competitor named. */
const CALL: Call = {
  ...FIXTURE_CALL,
  budget: { raw: '80.000 €', min: 80_000, max: 80_000, currency: 'EUR' },
  competitors: ['Transporeon'],
};

const SCORE: LeadScore = {
  value: 59,
  reasons: [
    { factor: 'company_size', points: 22, max: 30, detail: '250 employees' },
    { factor: 'budget', points: 22, max: 30, detail: 'budget 80000 EUR' },
    { factor: 'urgency', points: 15, max: 20, detail: 'urgency high' },
    { factor: 'previous_interactions', points: 0, max: 20, detail: 'new contact' },
  ],
  team: 'standard',
};

// What the task functions return, one per branch of StartFollowUps in lead.asl.json.
const CONFIRMATION: StepReport = {
  status: 'sent',
  channel: 'email',
  id: '<0100018e2f1a@eu-central-1.amazonses.com>',
};
const CHAT: StepReport = {
  status: 'sent',
  channel: 'chat',
  id: '1710236489.000200',
  to: '#sales-standard',
};
const TASK: StepReport = {
  status: 'created',
  channel: 'crm',
  id: 'task_90017',
  at: FOLLOW_UP_AT,
  to: 'sales-team@example.com',
};
const INVITE: StepReport = {
  status: 'sent',
  channel: 'calendar',
  id: '<0100018e2f1b@eu-central-1.amazonses.com>',
  at: FOLLOW_UP_AT,
};
const SMS: StepReport = { status: 'sent', channel: 'sms', id: 'SM4f0c9e1a' };
const PRIORITY_FLAG: StepReport = { status: 'updated', channel: 'crm', id: 'crm_48213' };
const URGENT_MEETING: StepReport = {
  status: 'sent',
  channel: 'calendar',
  id: '<0100018e2f1c@eu-central-1.amazonses.com>',
  at: '2024-03-12T10:45:00.000Z',
};
const BATTLE_CARD: StepReport = {
  status: 'sent',
  channel: 'email',
  id: '<0100018e2f1d@eu-central-1.amazonses.com>',
};
const PRICING_ALERT: StepReport = {
  status: 'sent',
  channel: 'chat',
  id: '1710236489.000300',
  to: '#pricing',
};
const NOT_CRITICAL = { status: 'skipped', reason: 'urgency is not critical' } as const;
const NO_BIG_BUDGET = { status: 'skipped', reason: 'no budget over 100k mentioned' } as const;

/** What a Catch in the ASL hands on for a step that failed after its retries. */
function failed(channel: StepReport['channel'], error = 'ServiceUnavailableError'): Failed {
  return { status: 'failed', channel, error };
}

function followUps(
  overrides: Partial<Record<0 | 1 | 2 | 3 | 4 | 5 | 6, FollowUps[number]>> = {},
): FollowUps {
  const base: FollowUps = [
    CONFIRMATION,
    CHAT,
    TASK,
    INVITE,
    NOT_CRITICAL,
    [BATTLE_CARD, PRICING_ALERT],
    NO_BIG_BUDGET,
  ];
  for (const [index, value] of Object.entries(overrides)) base[Number(index)] = value;
  return base;
}

function state(overrides: Partial<LeadState> = {}): LeadState {
  return {
    executionId: 'exec_5c1e0f7a9b2d4e6f8a0b1c2d3e4f5a6b',
    receivedAt: RECEIVED_AT,
    call: CALL,
    lead: {
      contact: { contactId: 'crm_48213', isNew: true, interactions: 0 },
      company: {
        found: true,
        employees: 250,
        name: 'Nordlicht Logistik GmbH',
        industry: 'Logistics',
      },
    },
    score: SCORE,
    followUps: followUps(),
    ...overrides,
  };
}

describe('leadOutcome', () => {
  it('completes a lead whose follow-ups all went out', () => {
    // Act
    const outcome = leadOutcome(state(), NOW);

    // Assess
    expect(outcome).toEqual({
      workflowId: 'wf_lead',
      status: 'completed',
      results: {
        lead_created: {
          crm_contact_id: 'crm_48213',
          new_contact: true,
          lead_score: 59,
          score_reasons: SCORE.reasons,
          assigned_team: 'standard',
          assigned_owner: 'sales-team@example.com',
          company: 'Nordlicht Logistik GmbH',
        },
        notifications_sent: {
          email_confirmation: 'sent',
          chat_notification: 'sent',
          calendar_invite: 'sent',
          sms_alert: 'skipped',
        },
        follow_up_scheduled: {
          task_id: 'task_90017',
          due_date: FOLLOW_UP_AT,
          assigned_to: 'sales-team@example.com',
        },
        conditional_actions: {
          critical_urgency: 'skipped',
          competitor_response: 'done',
          enterprise_budget: 'skipped',
        },
      },
      errors: [],
      warnings: [],
      highlights: {
        followUpAt: FOLLOW_UP_AT,
        team: 'standard',
        failedChannels: [],
        workingChannels: ['email', 'calendar'],
      },
      executionTimeMs: 3_412,
      finishedAt: '2024-03-12T09:41:30.412Z',
    });
  });

  it('reports a partial lead when the team chat could not be reached', () => {
    // Prepare
    const lead = state({
      followUps: followUps({
        1: failed('chat'),
        5: { status: 'skipped', reason: 'no competitor mentioned' },
      }),
    });

    // Act
    const outcome = leadOutcome(lead, NOW);

    // Assess
    expect(outcome.status).toBe('partial');
    expect(outcome.warnings).toEqual(['Chat service temporarily unavailable']);
    expect(outcome.errors).toEqual(['chat: ServiceUnavailableError']);
    expect(outcome.results.notifications_sent).toMatchObject({
      email_confirmation: 'sent',
      chat_notification: 'failed',
    });
    expect(outcome.highlights.failedChannels).toEqual(['chat']);
    expect(outcome.highlights.workingChannels).toEqual(['email', 'calendar']);
  });

  it('warns once per service but keeps every error when two steps of it failed', () => {
    // Prepare: the team notification and the pricing alert both go to the chat service
    const lead = state({
      followUps: followUps({
        1: failed('chat', 'RateLimitedError'),
        5: [BATTLE_CARD, failed('chat', 'States.Timeout')],
      }),
    });

    // Act
    const outcome = leadOutcome(lead, NOW);

    // Assess
    expect(outcome.warnings).toEqual(['Chat service temporarily unavailable']);
    expect(outcome.errors).toEqual(['chat: RateLimitedError', 'chat: States.Timeout']);
    expect(outcome.highlights.failedChannels).toEqual(['chat']);
    expect(outcome.results.conditional_actions).toMatchObject({ competitor_response: 'partial' });
  });

  it.each([
    ['the confirmation e-mail', 0, 'email', 'E-mail service temporarily unavailable'],
    ['the calendar invitation', 3, 'calendar', 'Calendar invitation temporarily unavailable'],
  ] as const)('names the service in the warning when %s failed', (_, index, channel, warning) => {
    // Act
    const outcome = leadOutcome(state({ followUps: followUps({ [index]: failed(channel) }) }), NOW);

    // Assess
    expect(outcome.status).toBe('partial');
    expect(outcome.warnings).toEqual([warning]);
  });

  it('drops the scheduled follow-up and the owner when the CRM task failed, and takes the time from the invitation', () => {
    // Prepare
    const lead = state({ followUps: followUps({ 2: failed('crm', 'UpstreamRejectedError') }) });

    // Act
    const outcome = leadOutcome(lead, NOW);

    // Assess
    expect(outcome.status).toBe('partial');
    expect(outcome.warnings).toEqual(['CRM refused the request; check its configuration']);
    expect(outcome.errors).toEqual(['crm: UpstreamRejectedError']);
    expect(outcome.results).not.toHaveProperty('follow_up_scheduled');
    expect(outcome.results.lead_created).not.toHaveProperty('assigned_owner');
    expect(outcome.highlights.followUpAt).toBe(INVITE.at);
  });

  it('has no follow-up time when neither the task nor the invitation went out', () => {
    // Act
    const outcome = leadOutcome(
      state({ followUps: followUps({ 2: failed('crm'), 3: failed('calendar') }) }),
      NOW,
    );

    // Assess
    expect(outcome.highlights).not.toHaveProperty('followUpAt');
    expect(outcome.warnings).toEqual([
      'CRM temporarily unavailable',
      'Calendar invitation temporarily unavailable',
    ]);
  });

  it('completes with a warning when the company could not be enriched', () => {
    // Prepare: what ContinueWithoutEnrichment passes on
    const lead = state({
      lead: {
        contact: { contactId: 'crm_48213', isNew: true, interactions: 0 },
        company: { found: false, unavailable: true },
      },
    });

    // Act
    const outcome = leadOutcome(lead, NOW);

    // Assess
    expect(outcome.status).toBe('completed');
    expect(outcome.warnings).toEqual([
      'Company enrichment unavailable; scored without company data',
    ]);
    expect(outcome.errors).toEqual([]);
    expect(outcome.results.lead_created).not.toHaveProperty('company');
  });

  it('lists the enrichment warning after the service warnings', () => {
    // Prepare
    const lead = state({
      lead: {
        contact: { contactId: 'crm_48213', isNew: true, interactions: 0 },
        company: { found: false, unavailable: true },
      },
      followUps: followUps({ 0: failed('email') }),
    });

    // Act
    const outcome = leadOutcome(lead, NOW);

    // Assess
    expect(outcome.status).toBe('partial');
    expect(outcome.warnings).toEqual([
      'E-mail service temporarily unavailable',
      'Company enrichment unavailable; scored without company data',
    ]);
  });

  it('hands a high-value lead over for approval without reporting notifications', () => {
    // Prepare: HandOverToHighValue skips StartFollowUps, so there are no follow-ups
    const { followUps: _, ...withoutFollowUps } = state();
    const lead: LeadState = {
      ...withoutFollowUps,
      score: { ...SCORE, value: 93, team: 'enterprise' },
      handOver: { workflow: 'high-value', reason: 'lead score above 90' },
    };

    // Act
    const outcome = leadOutcome(lead, NOW);

    // Assess
    expect(outcome.status).toBe('pending_approval');
    expect(outcome.results).toEqual({
      lead_created: expect.objectContaining({ lead_score: 93, assigned_team: 'enterprise' }),
      handed_over: { workflow: 'high-value', reason: 'lead score above 90' },
    });
    expect(outcome.errors).toEqual([]);
    expect(outcome.warnings).toEqual([]);
    expect(outcome.highlights).toEqual({
      team: 'enterprise',
      failedChannels: [],
      workingChannels: [],
    });
  });

  it('reports a critical escalation whose steps all went out as done, with the SMS sent', () => {
    // Prepare
    const lead = state({
      call: { ...CALL, urgency: 'critical' },
      followUps: followUps({ 4: [SMS, PRIORITY_FLAG, URGENT_MEETING] }),
    });

    // Act
    const outcome = leadOutcome(lead, NOW);

    // Assess
    expect(outcome.status).toBe('completed');
    expect(outcome.results.conditional_actions).toMatchObject({ critical_urgency: 'done' });
    expect(outcome.results.notifications_sent).toMatchObject({ sms_alert: 'sent' });
    expect(outcome.highlights.workingChannels).toEqual(['email', 'calendar']);
    expect(outcome.highlights.followUpAt).toBe(URGENT_MEETING.at);
  });

  it('does not count an internal e-mail that failed against the confirmation the caller got', () => {
    // Prepare
    const lead = state({ followUps: followUps({ 5: [failed('email'), PRICING_ALERT] }) });

    // Act
    const outcome = leadOutcome(lead, NOW);

    // Assess
    expect(outcome.status).toBe('partial');
    expect(outcome.highlights.failedChannels).toEqual(['email']);
    expect(outcome.highlights.workingChannels).toEqual(['email', 'calendar']);
    expect(outcome.results.notifications_sent).toMatchObject({ email_confirmation: 'sent' });
  });

  it('reports a critical escalation whose SMS failed as partial', () => {
    // Prepare
    const lead = state({
      call: { ...CALL, urgency: 'critical' },
      followUps: followUps({ 4: [failed('sms', 'NetworkError'), PRIORITY_FLAG, URGENT_MEETING] }),
    });

    // Act
    const outcome = leadOutcome(lead, NOW);

    // Assess
    expect(outcome.status).toBe('partial');
    expect(outcome.results.conditional_actions).toMatchObject({ critical_urgency: 'partial' });
    expect(outcome.results.notifications_sent).toMatchObject({ sms_alert: 'failed' });
    expect(outcome.warnings).toEqual(['SMS service temporarily unavailable']);
    expect(outcome.errors).toEqual(['sms: NetworkError']);
    expect(outcome.highlights.failedChannels).toEqual(['sms']);
  });

  it.each([
    ['skipped', followUps(), 'skipped'],
    ['done', followUps({ 6: [PRIORITY_FLAG, TASK] }), 'done'],
    ['partial', followUps({ 6: [failed('crm'), TASK] }), 'partial'],
  ] as const)('reports the enterprise-budget actions as %s', (_, steps, summary) => {
    // Act
    const outcome = leadOutcome(state({ followUps: steps }), NOW);

    // Assess
    expect(outcome.results.conditional_actions).toMatchObject({ enterprise_budget: summary });
  });

  it('reports the competitor response as skipped when no competitor was named', () => {
    // Prepare
    const lead = state({
      call: { ...CALL, competitors: [] },
      followUps: followUps({ 5: { status: 'skipped', reason: 'no competitor mentioned' } }),
    });

    // Act
    const outcome = leadOutcome(lead, NOW);

    // Assess
    expect(outcome.results.conditional_actions).toEqual({
      critical_urgency: 'skipped',
      competitor_response: 'skipped',
      enterprise_budget: 'skipped',
    });
  });

  it('measures the execution time from the moment the intake received the call', () => {
    // Prepare
    const finishedAt = RECEIVED_AT + 12_345;

    // Act
    const outcome = leadOutcome(state(), finishedAt);

    // Assess
    expect(outcome.executionTimeMs).toBe(12_345);
    expect(outcome.finishedAt).toBe('2024-03-12T09:41:39.345Z');
  });
});
