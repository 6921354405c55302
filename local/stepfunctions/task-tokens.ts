/**
 * Task tokens of the callback pattern. A token is minted when an execution reads
 * `$$.Task.Token`; the waiting task claims the token it finds in its own input, and
 * SendTaskSuccess/Failure settle it.
 */
import { randomBytes } from 'node:crypto';

interface PendingToken {
  executionArn: string;
  claimed: boolean;
  settled: Promise<unknown>;
  resolve(output: unknown): void;
  reject(error: Error): void;
}

/** The error a SendTaskFailure hands to the waiting state, matched by name in Retry and Catch. */
export class TaskFailure extends Error {
  constructor(name: string, cause: string) {
    super(cause);
    this.name = name;
  }
}

export class TaskTokens {
  private readonly pending = new Map<string, PendingToken>();

  mint(executionArn: string): string {
    const token = `tt_${randomBytes(24).toString('base64url')}`;
    let resolve!: (output: unknown) => void;
    let reject!: (error: Error) => void;
    const settled = new Promise<unknown>((ok, fail) => {
      resolve = ok;
      reject = fail;
    });
    settled.catch(() => undefined);
    this.pending.set(token, { executionArn, claimed: false, settled, resolve, reject });
    return token;
  }

  /** Finds an unclaimed token anywhere in `input` and claims it for the task that got it. */
  claimIn(input: unknown): PendingToken | undefined {
    const strings: string[] = [];
    const walk = (value: unknown) => {
      if (typeof value === 'string') strings.push(value);
      else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    };
    walk(input);
    for (const candidate of strings) {
      const token = this.pending.get(candidate);
      if (token && !token.claimed) {
        token.claimed = true;
        return token;
      }
    }
    return undefined;
  }

  settle(token: string, outcome: { output: unknown } | { error: string; cause: string }): boolean {
    const pending = this.pending.get(token);
    if (!pending) return false;
    this.pending.delete(token);
    if ('output' in outcome) pending.resolve(outcome.output);
    else pending.reject(new TaskFailure(outcome.error, outcome.cause));
    return true;
  }

  has(token: string): boolean {
    return this.pending.has(token);
  }

  dropExecution(executionArn: string): void {
    for (const [token, pending] of this.pending) {
      if (pending.executionArn === executionArn) this.pending.delete(token);
    }
  }
}
