/**
 * Walks an ASL definition along one path (which way each Choice goes, how many items a Map
 * gets) and counts what AWS bills: state transitions, and the Task states with the function each
 * one invokes. Tasks are assumed to succeed, so no Catch is followed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type State = Record<string, unknown> & { Type: string; Next?: string; End?: boolean };
interface StateGroup {
  StartAt: string;
  States: Record<string, State>;
}

export interface PathSpec {
  name: string;
  file: string;
  /** Choice state name to the state it goes to on this path; the Default otherwise. */
  choices: Record<string, string>;
  mapItems?: number;
}

export interface PathCount {
  transitions: number;
  /** Task state name and the function it invokes (from `${<Name>Arn}`). */
  tasks: Array<{ state: string; fn: string }>;
}

function walk(group: StateGroup, spec: PathSpec, count: PathCount): void {
  let name: string | undefined = group.StartAt;
  for (let guard = 0; name && guard < 500; guard += 1) {
    const state: State | undefined = group.States[name];
    if (!state) throw new Error(`${spec.file}: no state ${name}`);
    count.transitions += 1;
    if (state.Type === 'Task') {
      const fn = /\$\{(\w+)Arn\}/.exec(JSON.stringify(state))?.[1] ?? 'unknown';
      count.tasks.push({ state: name, fn });
    }
    if (state.Type === 'Parallel') {
      for (const branch of state.Branches as StateGroup[]) walk(branch, spec, count);
    }
    if (state.Type === 'Map') {
      const inner = (state.ItemProcessor ?? state.Iterator) as StateGroup;
      for (let item = 0; item < (spec.mapItems ?? 1); item += 1) walk(inner, spec, count);
    }
    if (state.Type === 'Choice') {
      name = spec.choices[name] ?? (state.Default as string | undefined);
      continue;
    }
    name = state.End ? undefined : state.Next;
  }
}

export function countPath(root: string, spec: PathSpec): PathCount {
  const definition = JSON.parse(readFileSync(join(root, spec.file), 'utf8')) as StateGroup;
  const count: PathCount = { transitions: 0, tasks: [] };
  walk(definition, spec, count);
  return count;
}

const LEAD = 'statemachines/lead.asl.json';
const SUPPORT = 'statemachines/support.asl.json';

/** The main paths of each workflow, by the Choice branches they take. */
export const PATHS = {
  leadPlain: { name: 'lead, completed', file: LEAD, choices: {} },
  leadAllBranches: {
    name: 'lead, critical + competitor + budget > 100k',
    file: LEAD,
    choices: {
      CheckCriticalUrgency: 'EscalateCriticalCall',
      CheckCompetitorMentioned: 'RespondToCompetitor',
      CheckBudgetOver100k: 'HandleEnterpriseBudget',
    },
  },
  leadHandOver: {
    name: 'lead, returning customer handed over (> 90)',
    file: LEAD,
    choices: { IsKnownContact: 'FetchContactHistory', IsHighValueLead: 'HandOverToHighValue' },
  },
  highValueApproved: {
    name: 'high-value, approved at once, weekly updates',
    file: 'statemachines/high-value.asl.json',
    choices: { WhatDidTheManagerDecide: 'ActivateEnterpriseAccount' },
    mapItems: 4,
  },
  supportSelfService: {
    name: 'support, answered from the knowledge base',
    file: SUPPORT,
    choices: { HasConfidentAnswer: 'AnswerFromKnowledgeBase' },
  },
  supportEscalated: {
    name: 'support, escalated bug report',
    file: SUPPORT,
    choices: { IsBugReport: 'FileTrackerIssue' },
  },
  slaWatchAnswered: {
    name: 'SLA watch, ticket answered before the warning',
    file: 'statemachines/sla-watch.asl.json',
    choices: {},
  },
} satisfies Record<string, PathSpec>;
