/** What a stand-in does instead of answering: the failures a flaky upstream inflicts on a client. */

export type FaultAction =
  | { kind: 'status'; status: number; retryAfterSeconds?: number }
  /** Never answer; the client's timeout has to end it. */
  | { kind: 'hang' }
  /** Destroy the socket without an answer. */
  | { kind: 'drop' };

export interface FaultScope {
  /** Exact request path, or a prefix when it ends in `*` (`/crm/v3/objects/*`). All when absent. */
  path?: string;
  method?: string;
}

export type FaultSpec = FaultAction &
  FaultScope & {
    /** How many matching requests fail; 1 when absent, `'always'` until cleared. */
    times?: number | 'always';
  };

export interface RandomFaultSpec extends FaultScope {
  /** Same seed, same sequence of faults: a chaos run can be replayed. */
  seed: number;
  /** Share of matching requests that fail, 0 to 1. */
  rate: number;
  kinds: FaultAction[];
}

interface Rule {
  spec: FaultSpec;
  remaining: number;
}

export function matchesScope(scope: FaultScope, method: string, path: string): boolean {
  if (scope.method && scope.method.toUpperCase() !== method) return false;
  if (!scope.path) return true;
  return scope.path.endsWith('*') ? path.startsWith(scope.path.slice(0, -1)) : path === scope.path;
}

/** Injected faults in the order they were added, then the random mode. */
export class FaultPlan {
  private rules: Rule[] = [];
  private random: { spec: RandomFaultSpec; next: () => number } | undefined;

  add(spec: FaultSpec): void {
    const times = spec.times ?? 1;
    this.rules.push({ spec, remaining: times === 'always' ? Number.POSITIVE_INFINITY : times });
  }

  setRandom(spec: RandomFaultSpec): void {
    this.random = { spec, next: seededRandom(spec.seed) };
  }

  clear(): void {
    this.rules = [];
    this.random = undefined;
  }

  /** The fault for this request, if any; counts it against the rule that matched. */
  take(method: string, path: string): FaultAction | undefined {
    const rule = this.rules.find((r) => r.remaining > 0 && matchesScope(r.spec, method, path));
    if (rule) {
      rule.remaining -= 1;
      this.rules = this.rules.filter((r) => r.remaining > 0);
      return actionOf(rule.spec);
    }

    const random = this.random;
    if (!random || !matchesScope(random.spec, method, path)) return undefined;
    if (random.next() >= random.spec.rate) return undefined;
    const { kinds } = random.spec;
    return kinds[Math.floor(random.next() * kinds.length)];
  }

  describe(): {
    faults: Array<FaultSpec & { remaining: number | 'always' }>;
    random?: RandomFaultSpec;
  } {
    return {
      faults: this.rules.map((r) => ({
        ...r.spec,
        remaining: Number.isFinite(r.remaining) ? r.remaining : 'always',
      })),
      ...(this.random ? { random: this.random.spec } : {}),
    };
  }
}

/** Validates a fault (from code or curl) with a message a person can act on. */
export function parseFaultSpec(input: unknown): FaultSpec {
  const action = parseAction(input);
  const { times, ...scope } = asRecord(input);
  if (
    times !== undefined &&
    times !== 'always' &&
    !(Number.isInteger(times) && Number(times) > 0)
  ) {
    throw new Error('times must be a positive integer or "always"');
  }
  return {
    ...action,
    ...parseScope(scope),
    ...(times === undefined ? {} : { times }),
  } as FaultSpec;
}

export function parseRandomFaultSpec(input: unknown): RandomFaultSpec {
  const record = asRecord(input);
  const { seed, rate, kinds } = record;
  if (!Number.isInteger(seed)) throw new Error('seed must be an integer');
  if (typeof rate !== 'number' || rate < 0 || rate > 1) {
    throw new Error('rate must be a number from 0 to 1');
  }
  if (!Array.isArray(kinds) || kinds.length === 0) {
    throw new Error('kinds must list fault actions, e.g. [{"kind":"drop"}]');
  }
  return { seed: Number(seed), rate, kinds: kinds.map(parseAction), ...parseScope(record) };
}

function parseScope(record: Record<string, unknown>): FaultScope {
  const { path, method } = record;
  if (path !== undefined && typeof path !== 'string') throw new Error('path must be a string');
  if (method !== undefined && typeof method !== 'string')
    throw new Error('method must be a string');
  return { ...(path === undefined ? {} : { path }), ...(method === undefined ? {} : { method }) };
}

function parseAction(input: unknown): FaultAction {
  const record = asRecord(input);
  if (record.kind === 'hang' || record.kind === 'drop') return { kind: record.kind };
  if (record.kind !== 'status') throw new Error('kind must be "status", "hang" or "drop"');

  const { status, retryAfterSeconds } = record;
  if (!(Number.isInteger(status) && Number(status) >= 400 && Number(status) <= 599)) {
    throw new Error('status must be an HTTP error status (400-599)');
  }
  if (retryAfterSeconds === undefined) return { kind: 'status', status: Number(status) };
  if (!(Number.isInteger(retryAfterSeconds) && Number(retryAfterSeconds) >= 0)) {
    throw new Error('retryAfterSeconds must be a non-negative integer');
  }
  return { kind: 'status', status: Number(status), retryAfterSeconds: Number(retryAfterSeconds) };
}

function asRecord(input: unknown): Record<string, unknown> {
  return typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
}

function actionOf(spec: FaultSpec): FaultAction {
  if (spec.kind === 'status') {
    return spec.retryAfterSeconds === undefined
      ? { kind: 'status', status: spec.status }
      : { kind: 'status', status: spec.status, retryAfterSeconds: spec.retryAfterSeconds };
  }
  return { kind: spec.kind };
}

/** A tiny seeded PRNG (mulberry32): reproducible, and good enough to pick faults. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
