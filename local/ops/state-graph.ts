/**
 * A state machine's ASL definition as a graph for ELK to lay out: one node per state, a box per
 * Parallel state holding one box per branch, a box per Map state holding its item processor,
 * and an edge per transition (Next, each Choice rule, Default, each Catch).
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';

type Json = Record<string, unknown>;

export type TransitionKind = 'next' | 'choice' | 'default' | 'catch';

export interface GraphState {
  id: string;
  name: string;
  type: string;
}

export interface GraphEdge {
  id: string;
  from: string;
  to: string;
  kind: TransitionKind;
}

export interface StateGraph {
  root: ElkNode;
  /** By node id: the states, and the Start and End markers (type `Start`, `End`). */
  states: Map<string, GraphState>;
  edges: Map<string, GraphEdge>;
  /** By node id: the caption of a branch or item-processor box. */
  groups: Map<string, string>;
}

const NODE_HEIGHT = 30;
const MARKER = { width: 44, height: 22 };
/** About the width of a character of the 12 px label font, to size boxes before drawing. */
const CHAR_WIDTH = 7;
const BOX_PADDING = '[top=30,left=12,bottom=12,right=12]';

export function stateGraph(definition: Json): StateGraph {
  const graph: StateGraph = {
    root: { id: 'root', layoutOptions: layered('DOWN'), children: [], edges: [] },
    states: new Map(),
    edges: new Map(),
    groups: new Map(),
  };
  const start = marker(graph, '#start', 'Start');
  const end = marker(graph, '#end', 'End');
  graph.root.children?.push(start);
  const ends = addStates(graph, graph.root, definition, '');
  const first = startOf(definition, '');
  if (first) addEdge(graph, graph.root, '#start', first, 'next');
  graph.root.children?.push(end);
  for (const id of ends) addEdge(graph, graph.root, id, '#end', 'next');
  return graph;
}

/** Adds a state list to `container`; answers the ids of its states that end it. */
function addStates(graph: StateGraph, container: ElkNode, machine: Json, prefix: string): string[] {
  const states = (machine.States ?? {}) as Record<string, Json>;
  const ends: string[] = [];
  for (const [name, state] of Object.entries(states)) {
    const id = `${prefix}${name}`;
    const type = String(state.Type ?? 'Task');
    graph.states.set(id, { id, name, type });
    container.children?.push(stateNode(graph, id, name, type, state));
    for (const [to, kind] of transitions(state)) {
      if (to in states) addEdge(graph, container, id, `${prefix}${to}`, kind);
    }
    if (state.End === true || type === 'Succeed' || type === 'Fail') ends.push(id);
  }
  return ends;
}

function stateNode(graph: StateGraph, id: string, name: string, type: string, state: Json) {
  const node: ElkNode = { id, width: labelWidth(name), height: NODE_HEIGHT };
  const subMachines =
    type === 'Parallel'
      ? ((state.Branches ?? []) as Json[]).map((branch, index) => ({
          machine: branch,
          caption: `branch ${index + 1}`,
        }))
      : type === 'Map'
        ? [{ machine: (state.ItemProcessor ?? state.Iterator ?? {}) as Json, caption: 'each item' }]
        : [];
  if (subMachines.length === 0) return node;

  // The branches have no edges between them: packed in rows, in order, they keep a wide
  // Parallel state (seven branches in the lead workflow) readable at its natural size.
  const box: ElkNode = {
    id,
    layoutOptions: {
      'elk.algorithm': 'box',
      'elk.box.packingMode': 'SIMPLE',
      'elk.aspectRatio': '2.2',
      'elk.spacing.nodeNode': '14',
      'elk.padding': BOX_PADDING,
      'elk.nodeSize.minimum': `(${labelWidth(name)},${NODE_HEIGHT})`,
      'elk.nodeSize.constraints': 'MINIMUM_SIZE',
    },
    children: [],
    edges: [],
  };
  subMachines.forEach(({ machine, caption }, index) => {
    const groupId = `${id}/${index}`;
    graph.groups.set(groupId, caption);
    const group: ElkNode = {
      id: groupId,
      // The box packer orders by priority first: the branches stay in the definition's order.
      layoutOptions: {
        ...layered('DOWN'),
        'elk.padding': BOX_PADDING,
        'elk.priority': String(subMachines.length - index),
      },
      children: [],
      edges: [],
    };
    addStates(graph, group, machine, `${groupId}/`);
    box.children?.push(group);
  });
  return box;
}

function transitions(state: Json): Array<[string, TransitionKind]> {
  const found: Array<[string, TransitionKind]> = [];
  if (typeof state.Next === 'string') found.push([state.Next, 'next']);
  for (const rule of (state.Choices ?? []) as Json[]) {
    if (typeof rule.Next === 'string') found.push([rule.Next, 'choice']);
  }
  if (typeof state.Default === 'string') found.push([state.Default, 'default']);
  for (const catcher of (state.Catch ?? []) as Json[]) {
    if (typeof catcher.Next === 'string') found.push([catcher.Next, 'catch']);
  }
  return found;
}

function startOf(machine: Json, prefix: string): string | undefined {
  return typeof machine.StartAt === 'string' ? `${prefix}${machine.StartAt}` : undefined;
}

function marker(graph: StateGraph, id: string, type: 'Start' | 'End'): ElkNode {
  graph.states.set(id, { id, name: type, type });
  return { id, ...MARKER };
}

function addEdge(
  graph: StateGraph,
  container: ElkNode,
  from: string,
  to: string,
  kind: TransitionKind,
): void {
  const id = `${from}->${to}:${kind}`;
  if (graph.edges.has(id)) return;
  graph.edges.set(id, { id, from, to, kind });
  const edge: ElkExtendedEdge = { id, sources: [from], targets: [to] };
  container.edges?.push(edge);
}

function layered(direction: 'DOWN' | 'RIGHT') {
  return {
    'elk.algorithm': 'layered',
    'elk.direction': direction,
    'elk.spacing.nodeNode': '18',
    'elk.layered.spacing.nodeNodeBetweenLayers': '26',
    'elk.edgeRouting': 'ORTHOGONAL',
  };
}

function labelWidth(text: string): number {
  return Math.max(90, text.length * CHAR_WIDTH + 24);
}
