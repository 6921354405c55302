import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTSIDE_TASKS, STATE_MACHINES } from '../../../functions/catalog';
import { CALLBACK_RETRY_POLICY, RETRY_POLICY } from '../../../functions/core/retry-policy';
import { PROJECT_ROOT } from '../../../local/stack';

type State = Record<string, unknown> & { Type: string };
type States = Record<string, State>;

/** Every Task of a definition, Parallel branches and Map processors included. */
function tasksOf(states: States, inMap = false): Array<[string, State, boolean]> {
  return Object.entries(states).flatMap(([name, state]) => [
    ...(state.Type === 'Task' ? [[name, state, inMap] as [string, State, boolean]] : []),
    ...((state.Branches as Array<{ States: States }> | undefined) ?? []).flatMap((branch) =>
      tasksOf(branch.States, inMap),
    ),
    ...tasksOf(
      ((state.ItemProcessor ?? state.Iterator) as { States: States } | undefined)?.States ?? {},
      true,
    ),
  ]);
}

/** The task function a Task state invokes, by its catalog name. */
function functionOf(task: State): string | undefined {
  const resource = String(task.Resource);
  const named = resource.startsWith('${')
    ? resource
    : String((task.Parameters as State)?.FunctionName);
  return /^\$\{(\w+)Arn\}$/.exec(named)?.[1];
}

const machines = Object.entries(STATE_MACHINES).map(([name, machine]) => {
  const definition = JSON.parse(readFileSync(join(PROJECT_ROOT, machine.file), 'utf8'));
  return [name, tasksOf(definition.States)] as const;
});

describe('the retry policy', () => {
  it.each(machines)('is on every Task of the %s workflow, exactly as declared', (_, tasks) => {
    expect(tasks.length).toBeGreaterThan(0);
    for (const [name, task] of tasks) {
      const callback = String(task.Resource).endsWith('.waitForTaskToken');
      expect({ name, retry: task.Retry }).toEqual({
        name,
        retry: [callback ? CALLBACK_RETRY_POLICY : RETRY_POLICY],
      });
    }
  });

  it.each(machines)(
    'names the step and the run of every outside Task of the %s workflow for the step ledger',
    (workflow, tasks) => {
      for (const [name, task, inMap] of tasks) {
        const outside = (OUTSIDE_TASKS as readonly string[]).includes(functionOf(task) ?? '');
        const parameters = (task.Parameters ?? {}) as Record<string, unknown>;
        const expected = outside
          ? {
              'executionId.$': '$.executionId',
              step: inMap
                ? {
                    'name.$': `States.Format('${workflow}.${name}.{}', $.week)`,
                    'run.$': '$$.Execution.Name',
                  }
                : { name: `${workflow}.${name}`, 'run.$': '$$.Execution.Name' },
            }
          : { step: undefined };
        expect({ name, ...pick(parameters, Object.keys(expected)) }).toEqual({ name, ...expected });
      }
    },
  );

  it('gives every Task a timeout of its own, so that a hung step fails rather than waits', () => {
    for (const [, tasks] of machines) {
      for (const [name, task] of tasks) {
        // A 429's Retry-After (up to 30 s) is waited out inside the task, then the call is made.
        if (typeof task.TimeoutSeconds === 'number')
          expect(task.TimeoutSeconds).toBeGreaterThan(40);
        expect({ name, timeout: task.TimeoutSeconds ?? task.TimeoutSecondsPath }).toEqual({
          name,
          timeout: expect.anything(),
        });
      }
    }
  });
});

function pick(record: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, record[key]]));
}
