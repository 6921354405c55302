/**
 * Waits until a timestamp (`Timestamp`, `TimestampPath`) under the time scale. The time left is
 * known only when such a Wait is entered, so the local copy of a definition runs each one as a
 * Task of the same name whose handler sleeps the time left times the scale and passes its input
 * on, as the Wait does. The definition AWS runs keeps its Wait.
 */

import { LONGER_THAN_ANY_RUN } from './local-definition';

type Json = Record<string, unknown>;

/** The Task resource standing in for a timestamp Wait in the local copy. */
export const SCALED_WAIT_RESOURCE = 'arn:aws:states:::local:scaled-wait';

export interface TimestampWait {
  name: string;
  timestamp?: string;
  /** A plain path such as `$.sla.dueAt`. */
  timestampPath?: string;
}

const PLAIN_PATH = /^\$(\.[A-Za-z_][\w-]*)+$/;

const isTimestampWait = (state: Json) =>
  state.Type === 'Wait' && (state.Timestamp !== undefined || state.TimestampPath !== undefined);

/** The timestamp Waits of a definition, branches and iterators included. */
export function timestampWaits(definition: Json): TimestampWait[] {
  const found: TimestampWait[] = [];
  for (const [name, state] of Object.entries(definition.States as Record<string, Json>)) {
    if (isTimestampWait(state)) {
      const path = state.TimestampPath;
      if (path !== undefined && !(typeof path === 'string' && PLAIN_PATH.test(path))) {
        throw new Error(`Wait ${name}: the local stack runs only plain TimestampPaths like $.a.b`);
      }
      found.push(
        typeof path === 'string'
          ? { name, timestampPath: path }
          : { name, timestamp: String(state.Timestamp) },
      );
    }
    for (const branch of (state.Branches as Json[] | undefined) ?? []) {
      found.push(...timestampWaits(branch));
    }
    const processor = (state.ItemProcessor ?? state.Iterator) as Json | undefined;
    if (processor) found.push(...timestampWaits(processor));
  }
  return found;
}

/** A copy of `definition` with each timestamp Wait turned into a `SCALED_WAIT_RESOURCE` Task. */
export function withScaledWaits<T extends Json>(definition: T): T {
  const states = definition.States as Record<string, Json>;
  const local = (state: Json): Json => {
    if (isTimestampWait(state)) {
      const { Timestamp: _at, TimestampPath: _path, Type: _wait, ...rest } = state;
      // A Wait has no timeout; the engine would give the Task standing in for it one.
      return {
        ...rest,
        Type: 'Task',
        Resource: SCALED_WAIT_RESOURCE,
        TimeoutSeconds: LONGER_THAN_ANY_RUN,
      };
    }
    const copy = { ...state };
    if (Array.isArray(copy.Branches))
      copy.Branches = (copy.Branches as Json[]).map(withScaledWaits);
    for (const key of ['ItemProcessor', 'Iterator']) {
      if (copy[key]) copy[key] = withScaledWaits(copy[key] as Json);
    }
    return copy;
  };
  return {
    ...definition,
    States: Object.fromEntries(Object.entries(states).map(([name, state]) => [name, local(state)])),
  };
}

/** The handler of a scaled timestamp Wait. */
export function scaledWait(wait: TimestampWait, factor: number) {
  return async (input: unknown): Promise<unknown> => {
    const value =
      wait.timestamp ??
      (wait.timestampPath ?? '$')
        .split('.')
        .slice(1)
        .reduce<unknown>((node, key) => (node as Json | undefined)?.[key], input);
    const at = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(at)) {
      const error = new Error(`Wait ${wait.name}: no timestamp at ${wait.timestampPath}`);
      error.name = 'States.Runtime';
      throw error;
    }
    const ms = Math.max(0, (at - Date.now()) * factor);
    // Unreferenced, so that a wait still pending never keeps a stopping process alive.
    await new Promise((resolve) => setTimeout(resolve, ms).unref());
    return input;
  };
}
