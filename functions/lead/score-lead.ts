/**
 * Lead scoring: company size, budget, urgency and previous interactions make a 0-100 score whose
 * reasons are kept, and the score (or a budget over 100k) picks the sales team.
 */
import type { Call, Urgency } from '../core/call';
import type { SalesTeam } from '../core/workflow-config';

export interface ContactFacts {
  contactId: string;
  isNew: boolean;
  interactions: number;
}

export interface CompanyFacts {
  found: boolean;
  employees?: number;
  name?: string;
  industry?: string;
}

export interface ScoreReason {
  factor: 'company_size' | 'budget' | 'urgency' | 'previous_interactions';
  points: number;
  max: number;
  detail: string;
}

export interface LeadScore {
  value: number;
  reasons: ScoreReason[];
  team: SalesTeam;
}

export const ENTERPRISE_BUDGET = 100_000;

/** Points by the first threshold reached; the tables read top-down like a sales playbook. */
function byThreshold(value: number, table: Array<[number, number]>): number {
  return table.find(([threshold]) => value >= threshold)?.[1] ?? 0;
}

function companySize(company: CompanyFacts): ScoreReason {
  const employees = company.employees;
  if (employees === undefined) {
    return { factor: 'company_size', points: 5, max: 30, detail: 'company size unknown' };
  }
  const points = byThreshold(employees, [
    [1000, 30],
    [200, 22],
    [50, 15],
    [10, 8],
    [0, 3],
  ]);
  return { factor: 'company_size', points, max: 30, detail: `${employees} employees` };
}

function budget(call: Call): ScoreReason {
  if (!call.budget) return { factor: 'budget', points: 0, max: 30, detail: 'no budget mentioned' };
  const { min, max } = call.budget;
  const points = byThreshold(max, [
    [100_000, 30],
    [50_000, 22],
    [10_000, 14],
    [1, 6],
  ]);
  const currency = call.budget.currency ? ` ${call.budget.currency}` : '';
  const amount = min === max ? `${max}` : min > 0 ? `${min}-${max}` : `up to ${max}`;
  return { factor: 'budget', points, max: 30, detail: `budget ${amount}${currency}` };
}

const URGENCY_POINTS: Record<Urgency, number> = { critical: 20, high: 15, medium: 8, low: 3 };

function urgency(call: Call): ScoreReason {
  return {
    factor: 'urgency',
    points: URGENCY_POINTS[call.urgency],
    max: 20,
    detail: `urgency ${call.urgency}`,
  };
}

function interactions(contact: ContactFacts): ScoreReason {
  const count = contact.isNew ? 0 : contact.interactions;
  const points = byThreshold(count, [
    [5, 20],
    [2, 14],
    [1, 8],
    [0, 0],
  ]);
  return {
    factor: 'previous_interactions',
    points,
    max: 20,
    detail: contact.isNew ? 'new contact' : `${count} previous interactions`,
  };
}

export function teamFor(score: number, call: Call): SalesTeam {
  if (score > 80 || (call.budget?.max ?? 0) > ENTERPRISE_BUDGET) return 'enterprise';
  return score >= 50 ? 'standard' : 'inside';
}

export function scoreLead(call: Call, contact: ContactFacts, company: CompanyFacts): LeadScore {
  const reasons = [companySize(company), budget(call), urgency(call), interactions(contact)];
  const value = Math.max(
    0,
    Math.min(
      100,
      reasons.reduce((sum, reason) => sum + reason.points, 0),
    ),
  );
  return { value, reasons, team: teamFor(value, call) };
}
