import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATE_MACHINES } from '../../functions/catalog';
import { PROJECT_ROOT } from '../../local/handlers';
import { executionTrace } from '../../local/ops/execution-trace';
import { stateGraph } from '../../local/ops/state-graph';
import { pathMarks } from '../../local/ops/state-marks';
import type { HistoryEvent } from '../../local/stepfunctions/history';

type Json = Record<string, unknown>;

const definition = (file: string) =>
  JSON.parse(readFileSync(join(PROJECT_ROOT, file), 'utf8')) as Json;

/** Every state name of a machine, nested ones included, and how many boxes hold states. */
function inventory(machine: Json): { names: string[]; boxes: number } {
  let boxes = 0;
  const names: string[] = [];
  for (const [name, state] of Object.entries(machine.States as Record<string, Json>)) {
    names.push(name);
    const inner = [
      ...((state.Branches ?? []) as Json[]),
      ...(state.ItemProcessor ? [state.ItemProcessor as Json] : []),
    ];
    for (const sub of inner) {
      const found = inventory(sub);
      boxes += 1 + found.boxes;
      names.push(...found.names);
    }
  }
  return { names, boxes };
}

const names = (graph: ReturnType<typeof stateGraph>, ids: Iterable<string>) =>
  [...ids].map((id) => graph.states.get(id)?.name);

describe('a state machine drawn as a graph', () => {
  it.each(Object.values(STATE_MACHINES).map((machine) => machine.file))(
    'has every state of %s, each branch and item processor as a box in its state',
    (file) => {
      const asl = definition(file);
      const graph = stateGraph(asl);
      const expected = inventory(asl);

      const drawn = [...graph.states.values()].filter(
        (state) => !['Start', 'End'].includes(state.type),
      );
      expect(drawn.map((state) => state.name).sort()).toEqual(expected.names.sort());
      expect(graph.groups.size).toBe(expected.boxes);
    },
  );

  it('links Next, each Choice rule, the Default and every Catch, from Start to End', () => {
    const graph = stateGraph(definition(STATE_MACHINES.lead.file));
    const edges = [...graph.edges.values()].map(
      (edge) =>
        `${graph.states.get(edge.from)?.name} -${edge.kind}-> ${graph.states.get(edge.to)?.name}`,
    );

    expect(edges).toEqual(
      expect.arrayContaining([
        'Start -next-> GatherLeadContext',
        'GatherLeadContext -catch-> HandOverToPeople',
        'IsKnownContact -choice-> FetchContactHistory',
        'IsKnownContact -default-> CreateLead',
        'ScoreLead -next-> IsHighValueLead',
        'NotifyTeamChat -catch-> NotifyTeamChatFailed',
        'LeadFailed -next-> End',
        'FinishLead -next-> End',
      ]),
    );
  });
});

describe('the path of an execution on its graph', () => {
  const at = (second: number) => new Date(Date.UTC(2026, 0, 5, 9, 0, second));
  const entered = (id: number, type: string, name: string): HistoryEvent => ({
    id,
    timestamp: at(id),
    type: `${type}StateEntered`,
    stateEnteredEventDetails: { name, input: '{}' },
  });
  const exited = (id: number, type: string, name: string): HistoryEvent => ({
    id,
    timestamp: at(id),
    type: `${type}StateExited`,
    stateExitedEventDetails: { name, output: '{}' },
  });
  const failed = (id: number, name: string): HistoryEvent => ({
    id,
    timestamp: at(id),
    type: 'TaskFailed',
    taskFailedEventDetails: {
      resource: name,
      error: 'ServiceUnavailableError',
      cause: 'slack answered 503',
    },
  });

  it('marks a step that caught its error after retries, and the catcher it went to, not its End', () => {
    const graph = stateGraph(definition(STATE_MACHINES.lead.file));
    const trace = executionTrace({
      status: 'RUNNING',
      history: [
        entered(1, 'Task', 'NotifyTeamChat'),
        failed(2, 'NotifyTeamChat'),
        {
          id: 3,
          timestamp: at(3),
          type: 'TaskRetried',
          retryEventDetails: { name: 'NotifyTeamChat', attempt: 1 },
        },
        failed(4, 'NotifyTeamChat'),
        {
          id: 5,
          timestamp: at(5),
          type: 'TaskCaught',
          caughtEventDetails: { name: 'NotifyTeamChat' },
        },
        exited(6, 'Task', 'NotifyTeamChat'),
        entered(7, 'Pass', 'NotifyTeamChatFailed'),
        exited(8, 'Pass', 'NotifyTeamChatFailed'),
      ],
    });

    const marks = pathMarks(graph, trace);
    const chat = [...graph.states.values()].find((state) => state.name === 'NotifyTeamChat');
    expect(marks.states.get(chat?.id ?? '')).toEqual({
      entered: true,
      retries: 1,
      caught: true,
      failed: false,
    });
    expect(
      names(
        graph,
        [...marks.takenEdges].map((id) => graph.edges.get(id)?.to ?? ''),
      ),
    ).toEqual(['NotifyTeamChatFailed']);
    expect(trace.steps[0]?.visits[0]).toMatchObject({ outcome: 'caught', retries: 1 });
    expect(trace.steps[0]?.visits[0]?.errors).toHaveLength(2);
  });

  it('marks a step that failed for good when its execution failed there', () => {
    const graph = stateGraph(definition(STATE_MACHINES.lead.file));
    const trace = executionTrace({
      status: 'FAILED',
      history: [entered(1, 'Task', 'ScoreLead'), failed(2, 'ScoreLead')],
    });

    const marks = pathMarks(graph, trace);
    const score = [...graph.states.values()].find((state) => state.name === 'ScoreLead');
    expect(marks.states.get(score?.id ?? '')).toMatchObject({ entered: true, failed: true });
    expect(marks.states.get('#end')).toMatchObject({ entered: true, failed: true });
    expect(trace.steps[0]?.visits[0]?.outcome).toBe('failed');
  });
});
