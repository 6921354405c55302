/**
 * What the graph shows of one execution: which states it entered, which retried, which caught an
 * error and which failed, and so which transitions it took.
 */
import type { ExecutionTrace } from './execution-trace';
import type { GraphEdge, StateGraph } from './state-graph';

export interface StateMark {
  entered: boolean;
  retries: number;
  caught: boolean;
  failed: boolean;
}

export interface PathMarks {
  states: Map<string, StateMark>;
  /** Ids of the edges the execution went along. */
  takenEdges: Set<string>;
}

const UNTOUCHED: StateMark = { entered: false, retries: 0, caught: false, failed: false };

export function pathMarks(graph: StateGraph, trace: ExecutionTrace): PathMarks {
  const states = new Map<string, StateMark>();
  for (const [id, state] of graph.states) states.set(id, markOf(state.type, state.name, trace));

  const takenEdges = new Set<string>();
  for (const edge of graph.edges.values()) {
    if (isTaken(edge, graph, states, trace)) takenEdges.add(edge.id);
  }
  return { states, takenEdges };
}

function markOf(type: string, name: string, trace: ExecutionTrace): StateMark {
  if (type === 'Start') return { ...UNTOUCHED, entered: trace.steps.length > 0 };
  if (type === 'End') return { ...UNTOUCHED, entered: trace.ended, failed: trace.failed };
  const step = trace.steps.find((candidate) => candidate.name === name);
  if (!step) return UNTOUCHED;
  return {
    entered: true,
    retries: step.visits.reduce((sum, visit) => sum + visit.retries, 0),
    caught: step.visits.some((visit) => visit.caught),
    failed: type === 'Fail' || step.visits.some((visit) => visit.outcome === 'failed'),
  };
}

function isTaken(
  edge: GraphEdge,
  graph: StateGraph,
  states: Map<string, StateMark>,
  trace: ExecutionTrace,
): boolean {
  const from = states.get(edge.from) ?? UNTOUCHED;
  const to = states.get(edge.to) ?? UNTOUCHED;
  if (!from.entered || !to.entered) return false;
  const name = graph.states.get(edge.from)?.name ?? '';
  const visits = trace.steps.find((step) => step.name === name)?.visits ?? [];
  // A state that caught its error left by its catcher; one that did not, by its Next or End.
  if (edge.kind === 'catch') return visits.some((visit) => visit.caught);
  return visits.length === 0 || visits.some((visit) => !visit.caught);
}
