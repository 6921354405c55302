import { describe, expect, it } from 'vitest';
import type { Call, Money, Urgency } from '../../../functions/core/call';
import {
  type CompanyFacts,
  type ContactFacts,
  ENTERPRISE_BUDGET,
  type ScoreReason,
  scoreLead,
  teamFor,
} from '../../../functions/lead/score-lead';
import { FIXTURE_CALL } from '../../fixtures/calls';

/** The normalised form of test/fixtures/call-body.json, as parseCall hands it on. */
const CALL: Call = FIXTURE_CALL;

const NEW_CONTACT: ContactFacts = { contactId: 'crm_48213', isNew: true, interactions: 0 };
const KNOWN_COMPANY: CompanyFacts = {
  found: true,
  employees: 250,
  name: 'Nordlicht Logistik GmbH',
  industry: 'Logistics',
};

function call(overrides: Partial<Call> = {}): Call {
  return { ...structuredClone(CALL), ...overrides };
}

function withoutBudget(): Call {
  const { budget: _, ...rest } = call();
  return rest;
}

function budgetOf(max: number, currency?: string): Money {
  return { raw: String(max), min: max, max, ...(currency ? { currency } : {}) };
}

function reason(factor: ScoreReason['factor'], reasons: ScoreReason[]): ScoreReason {
  const found = reasons.find((entry) => entry.factor === factor);
  if (!found) throw new Error(`no reason for ${factor}`);
  return found;
}

describe('scoreLead', () => {
  it('scores the fixture call from its four factors and keeps every reason', () => {
    // Prepare: 250 employees (>= 200: 22), 120k budget (>= 100k: 30), high (15), new contact (0)
    const contact = NEW_CONTACT;

    // Act
    const score = scoreLead(CALL, contact, KNOWN_COMPANY);

    // Assess
    expect(score).toEqual({
      value: 67,
      reasons: [
        { factor: 'company_size', points: 22, max: 30, detail: '250 employees' },
        { factor: 'budget', points: 30, max: 30, detail: 'budget 120000 EUR' },
        { factor: 'urgency', points: 15, max: 20, detail: 'urgency high' },
        { factor: 'previous_interactions', points: 0, max: 20, detail: 'new contact' },
      ],
      team: 'enterprise',
    });
  });

  it.each<[number, number]>([
    [0, 3],
    [9, 3],
    [10, 8],
    [49, 8],
    [50, 15],
    [199, 15],
    [200, 22],
    [999, 22],
    [1000, 30],
    [250_000, 30],
  ])('gives a company of %i employees %i of 30 points', (employees, points) => {
    // Act
    const score = scoreLead(CALL, NEW_CONTACT, { ...KNOWN_COMPANY, employees });

    // Assess
    expect(reason('company_size', score.reasons)).toEqual({
      factor: 'company_size',
      points,
      max: 30,
      detail: `${employees} employees`,
    });
  });

  it('gives 5 points when the company size is unknown', () => {
    // Act
    const score = scoreLead(CALL, NEW_CONTACT, { found: false });

    // Assess
    expect(reason('company_size', score.reasons)).toEqual({
      factor: 'company_size',
      points: 5,
      max: 30,
      detail: 'company size unknown',
    });
  });

  it.each<[number, number]>([
    [0, 0],
    [1, 6],
    [9_999, 6],
    [10_000, 14],
    [49_999, 14],
    [50_000, 22],
    [99_999, 22],
    [100_000, 30],
    [2_000_000, 30],
  ])('gives a budget of up to %i %i of 30 points', (max, points) => {
    // Act
    const score = scoreLead(call({ budget: budgetOf(max) }), NEW_CONTACT, KNOWN_COMPANY);

    // Assess
    expect(reason('budget', score.reasons)).toMatchObject({ points, max: 30 });
  });

  it.each<[string, Money, number, string]>([
    ['a single figure', budgetOf(120_000, 'EUR'), 30, 'budget 120000 EUR'],
    [
      'a range by its upper bound',
      { raw: '40.000 - 60.000 €', min: 40_000, max: 60_000, currency: 'EUR' },
      22,
      'budget 40000-60000 EUR',
    ],
    ['a ceiling', { raw: 'up to 200k', min: 0, max: 200_000 }, 30, 'budget up to 200000'],
  ])('scores %s and describes it as the caller said it', (_, budget, points, detail) => {
    // Act
    const score = scoreLead(call({ budget }), NEW_CONTACT, KNOWN_COMPANY);

    // Assess
    expect(reason('budget', score.reasons)).toEqual({ factor: 'budget', points, max: 30, detail });
  });

  it('gives no budget points and says so when no budget was mentioned', () => {
    // Act
    const score = scoreLead(withoutBudget(), NEW_CONTACT, KNOWN_COMPANY);

    // Assess
    expect(reason('budget', score.reasons)).toEqual({
      factor: 'budget',
      points: 0,
      max: 30,
      detail: 'no budget mentioned',
    });
  });

  it.each<[Urgency, number]>([
    ['low', 3],
    ['medium', 8],
    ['high', 15],
    ['critical', 20],
  ])('gives %s urgency %i of 20 points', (urgency, points) => {
    // Act
    const score = scoreLead(call({ urgency }), NEW_CONTACT, KNOWN_COMPANY);

    // Assess
    expect(reason('urgency', score.reasons)).toEqual({
      factor: 'urgency',
      points,
      max: 20,
      detail: `urgency ${urgency}`,
    });
  });

  it.each<[number, number]>([
    [0, 0],
    [1, 8],
    [2, 14],
    [4, 14],
    [5, 20],
    [40, 20],
  ])('gives a known contact with %i previous interactions %i of 20 points', (count, points) => {
    // Prepare
    const contact: ContactFacts = { contactId: 'crm_10077', isNew: false, interactions: count };

    // Act
    const score = scoreLead(CALL, contact, KNOWN_COMPANY);

    // Assess
    expect(reason('previous_interactions', score.reasons)).toEqual({
      factor: 'previous_interactions',
      points,
      max: 20,
      detail: `${count} previous interactions`,
    });
  });

  it('counts no interactions for a contact the CRM has just created', () => {
    // Prepare: a stale count on a new contact must not earn points
    const contact: ContactFacts = { contactId: 'crm_48213', isNew: true, interactions: 7 };

    // Act
    const score = scoreLead(CALL, contact, KNOWN_COMPANY);

    // Assess
    expect(reason('previous_interactions', score.reasons)).toMatchObject({
      points: 0,
      detail: 'new contact',
    });
  });

  it('reaches 100 and no more when every factor is at its top', () => {
    // Prepare
    const contact: ContactFacts = { contactId: 'crm_10077', isNew: false, interactions: 12 };
    const company: CompanyFacts = { found: true, employees: 5_000 };

    // Act
    const score = scoreLead(
      call({ urgency: 'critical', budget: budgetOf(5_000_000) }),
      contact,
      company,
    );

    // Assess
    expect(score.value).toBe(100);
    expect(score.reasons.map((entry) => entry.points)).toEqual(
      score.reasons.map((entry) => entry.max),
    );
  });

  it('never goes below 0 for a lead with nothing to show', () => {
    // Prepare: 3 (tiny company) + 0 (no budget) + 3 (low) + 0 (new) = 6
    const company: CompanyFacts = { found: true, employees: 0 };

    // Act
    const score = scoreLead({ ...withoutBudget(), urgency: 'low' }, NEW_CONTACT, company);

    // Assess
    expect(score.value).toBe(6);
    expect(score.team).toBe('inside');
  });

  it('makes the value the sum of the points of its reasons', () => {
    // Prepare
    const contact: ContactFacts = { contactId: 'crm_10077', isNew: false, interactions: 2 };

    // Act
    const score = scoreLead(call({ urgency: 'medium' }), contact, { found: false });

    // Assess: 5 (unknown size) + 30 (120k) + 8 (medium) + 14 (2 interactions)
    expect(score.value).toBe(57);
    expect(score.reasons.reduce((sum, entry) => sum + entry.points, 0)).toBe(57);
  });

  it.each([
    ['inside', 'medium', 10, 0, 14_000, 'inside'],
    ['standard', 'high', 250, 1, 50_000, 'standard'],
  ] as const)(
    'routes a typical %s lead to that team',
    (_, urgency, employees, count, max, team) => {
      // Prepare
      const contact: ContactFacts = {
        contactId: 'crm_10077',
        isNew: count === 0,
        interactions: count,
      };

      // Act
      const score = scoreLead(call({ urgency, budget: budgetOf(max, 'EUR') }), contact, {
        found: true,
        employees,
      });

      // Assess
      expect(score.team).toBe(team);
    },
  );
});

describe('teamFor', () => {
  it.each([
    [49, 'inside'],
    [50, 'standard'],
    [80, 'standard'],
    [81, 'enterprise'],
  ] as const)('sends a lead scored %i to the %s team', (score, team) => {
    expect(teamFor(score, withoutBudget())).toBe(team);
  });

  it('sends a low-scoring lead with a budget over 100k to the enterprise team', () => {
    // Act
    const team = teamFor(20, call({ budget: budgetOf(ENTERPRISE_BUDGET + 1, 'EUR') }));

    // Assess
    expect(team).toBe('enterprise');
  });

  it('does not force the enterprise team for a budget of exactly 100k', () => {
    // Act
    const teams = [
      teamFor(49, call({ budget: budgetOf(100_000) })),
      teamFor(50, call({ budget: budgetOf(100_000) })),
    ];

    // Assess
    expect(teams).toEqual(['inside', 'standard']);
  });

  it('judges a budget range by its upper bound', () => {
    // Prepare
    const budget: Money = { raw: '80-120k', min: 80_000, max: 120_000 };

    // Act
    const team = teamFor(30, call({ budget }));

    // Assess
    expect(team).toBe('enterprise');
  });
});
