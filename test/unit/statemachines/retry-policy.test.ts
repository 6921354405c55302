import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATE_MACHINES } from '../../../functions/catalog';
import { CALLBACK_RETRY_POLICY, RETRY_POLICY } from '../../../functions/core/retry-policy';
import { PROJECT_ROOT } from '../../../local/stack';

type State = Record<string, unknown> & { Type: string };
type States = Record<string, State>;

/** Every Task of a definition, Parallel branches and Map processors included. */
function tasksOf(states: States): Array<[string, State]> {
  return Object.entries(states).flatMap(([name, state]) => [
    ...(state.Type === 'Task' ? [[name, state] as [string, State]] : []),
    ...((state.Branches as Array<{ States: States }> | undefined) ?? []).flatMap((branch) =>
      tasksOf(branch.States),
    ),
    ...tasksOf(
      ((state.ItemProcessor ?? state.Iterator) as { States: States } | undefined)?.States ?? {},
    ),
  ]);
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

  it('gives every Task a timeout of its own, so that a hung step fails rather than waits', () => {
    for (const [, tasks] of machines) {
      for (const [name, task] of tasks) {
        expect({ name, timeout: task.TimeoutSeconds ?? task.TimeoutSecondsPath }).toEqual({
          name,
          timeout: expect.anything(),
        });
      }
    }
  });
});
