/**
 * A copy of a definition with its waits and retry intervals multiplied by `factor`, so that the
 * local stack can play hours of a workflow in minutes. The original stays what AWS runs.
 */

type Json = Record<string, unknown>;

function scaleState(state: Json, factor: number): Json {
  const copy: Json = { ...state };
  if (typeof copy.Seconds === 'number') copy.Seconds = copy.Seconds * factor;
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
    copy.Branches = (copy.Branches as Json[]).map((branch) => scaleDefinition(branch, factor));
  }
  for (const key of ['ItemProcessor', 'Iterator']) {
    if (copy[key]) copy[key] = scaleDefinition(copy[key] as Json, factor);
  }
  return copy;
}

export function scaleDefinition<T extends Json>(definition: T, factor: number): T {
  if (factor === 1) return definition;
  const states = definition.States as Record<string, Json>;
  return {
    ...definition,
    States: Object.fromEntries(
      Object.entries(states).map(([name, state]) => [name, scaleState(state, factor)]),
    ),
  };
}
