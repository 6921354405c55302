/**
 * The local SQS's queues on disk: one JSON file per queue, rewritten shortly after it changes
 * (a burst of sends is one write), always to a temporary file renamed over the old one, so that
 * a stop at any moment leaves the previous or the new queue, never half of one.
 */

import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { logger } from '../../functions/core/logger';
import type { QueueState } from './sqs-queue';

const SUFFIX = '.json';

export class QueueFileError extends Error {
  override name = 'QueueFileError';
}

export class QueueFiles {
  private readonly pending = new Map<string, () => QueueState | undefined>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    readonly folder: string,
    /** How long changes gather before they are written. */
    private readonly debounceMs = 25,
  ) {}

  /** Every saved queue; a file that is not a queue stops the start with its path. */
  async load(): Promise<QueueState[]> {
    await mkdir(this.folder, { recursive: true });
    const names = (await readdir(this.folder)).filter((name) => name.endsWith(SUFFIX)).sort();
    const states: QueueState[] = [];
    for (const name of names) {
      const path = join(this.folder, name);
      try {
        states.push(parseState(await readFile(path, 'utf8')));
      } catch (error) {
        throw new QueueFileError(
          `${path} is not a saved SQS queue: move it away, or start with --fresh`,
          { cause: error },
        );
      }
    }
    return states;
  }

  /** Writes the queue soon; `state` is read when the write happens, so it is the latest. */
  save(queueName: string, state: () => QueueState | undefined): void {
    this.pending.set(queueName, state);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.writePending();
    }, this.debounceMs);
  }

  /** Writes whatever is pending now, and waits for every write to end. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.writePending();
    await this.writing;
  }

  private writePending(): void {
    const batch = [...this.pending];
    this.pending.clear();
    // One write after another, so that an older state never lands after a newer one.
    this.writing = this.writing.then(async () => {
      for (const [queueName, state] of batch) {
        const current = state();
        if (!current) continue;
        await this.write(queueName, current).catch((error: unknown) =>
          logger.error('Could not save a local SQS queue', { queue: queueName, error }),
        );
      }
    });
  }

  private async write(queueName: string, state: QueueState): Promise<void> {
    const path = join(this.folder, `${queueName}${SUFFIX}`);
    const temporary = `${path}.${process.pid}.tmp`;
    // Jobs hold the calls' personal data: for this user only.
    await writeFile(temporary, JSON.stringify(state), { encoding: 'utf8', mode: 0o600 });
    await rename(temporary, path);
  }
}

function parseState(text: string): QueueState {
  const state = JSON.parse(text) as QueueState;
  const valid =
    typeof state.name === 'string' &&
    typeof state.handleSecret === 'string' &&
    typeof state.settings === 'object' &&
    Array.isArray(state.messages);
  if (!valid) throw new Error('missing name, handleSecret, settings or messages');
  return state;
}
