/**
 * The copy of a definition that the local engine runs, the original staying what AWS runs:
 * - waits and retry intervals multiplied by the time scale, so that hours play in minutes;
 * - `TimeoutSecondsPath` read from the state's input as AWS reads it (the engine would read it
 *   from the task's parameters), handed to the local task as `LOCAL_TIMEOUT_FIELD`.
 */

/** The parameter that carries a Task's path-given timeout to the local task. */
export const LOCAL_TIMEOUT_FIELD = 'localTimeoutSeconds';
/** Longer than any local run, and below the 24.8 days past which Node's timers fire at once. */
export const LONGER_THAN_ANY_RUN = 2_000_000;

type Json = Record<string, unknown>;

function localState(state: Json, factor: number): Json {
  const copy: Json = { ...state };
  if (typeof copy.Seconds === 'number') copy.Seconds = copy.Seconds * factor;
  if (copy.Type === 'Task' && typeof copy.TimeoutSecondsPath === 'string') {
    copy.Parameters = {
      ...((copy.Parameters as Json | undefined) ?? {}),
      [`${LOCAL_TIMEOUT_FIELD}.$`]: copy.TimeoutSecondsPath,
    };
    delete copy.TimeoutSecondsPath;
    copy.TimeoutSeconds = LONGER_THAN_ANY_RUN;
  }
  if (Array.isArray(copy.Retry)) {
    copy.Retry = (copy.Retry as Json[]).map((retrier) => ({
      ...retrier,
      IntervalSeconds: ((retrier.IntervalSeconds as number | undefined) ?? 1) * factor,
      ...(typeof retrier.MaxDelaySeconds === 'number'
        ? { MaxDelaySeconds: retrier.MaxDelaySeconds * factor }
        : {}),
    }));
  }
  if (Array.isArray(copy.Branches)) {
    copy.Branches = (copy.Branches as Json[]).map((branch) => localDefinition(branch, factor));
  }
  for (const key of ['ItemProcessor', 'Iterator']) {
    if (copy[key]) copy[key] = localDefinition(copy[key] as Json, factor);
  }
  return copy;
}

export function localDefinition<T extends Json>(definition: T, factor: number): T {
  const states = definition.States as Record<string, Json>;
  return {
    ...definition,
    States: Object.fromEntries(
      Object.entries(states).map(([name, state]) => [name, localState(state, factor)]),
    ),
  };
}
