/**
 * The local SQS's queues by name and URL, saved to their files when they change, and waited on
 * by long polls until a message may be there for them.
 */

import { LOCAL_ACCOUNT, LOCAL_REGION } from '../local-env';
import { invalidParameterValue, queueDoesNotExist, queueNameExists } from './sqs-errors';
import { SqsQueue } from './sqs-queue';
import type { QueueFiles } from './sqs-queue-files';
import { firstDifference, type QueueSettings } from './sqs-queue-settings';

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;

export class QueueDirectory {
  private readonly queues = new Map<string, SqsQueue>();
  private readonly waiters = new Map<string, Set<() => void>>();
  private closed = false;

  constructor(
    /** The endpoint's `http://127.0.0.1:PORT`, known once it listens. */
    private readonly baseUrl: () => string,
    private readonly files?: QueueFiles,
  ) {}

  /** Restores the saved queues. */
  async load(): Promise<void> {
    for (const state of (await this.files?.load()) ?? []) {
      this.queues.set(
        state.name,
        SqsQueue.restore(state, () => this.changed(state.name)),
      );
    }
  }

  /** The queue of that name, made if missing; the same settings are required of an existing one. */
  create(name: string, settings: QueueSettings): SqsQueue {
    if (!QUEUE_NAME.test(name)) {
      throw invalidParameterValue(
        'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
      );
    }
    const existing = this.queues.get(name);
    if (existing) {
      const differs = firstDifference(existing.settings, settings);
      if (differs) throw queueNameExists(differs);
      return existing;
    }
    const queue = SqsQueue.create(name, settings, () => this.changed(name));
    this.queues.set(name, queue);
    this.changed(name);
    return queue;
  }

  /** The queue a URL names, by its last path segment, whichever host and account it names. */
  find(queueUrl: string): SqsQueue {
    let name: string | undefined;
    try {
      name = new URL(queueUrl).pathname.split('/').filter(Boolean).at(-1);
    } catch {
      throw queueDoesNotExist();
    }
    const queue = name === undefined ? undefined : this.queues.get(name);
    if (!queue) throw queueDoesNotExist();
    return queue;
  }

  named(name: string): SqsQueue | undefined {
    return this.queues.get(name);
  }

  list(): SqsQueue[] {
    return [...this.queues.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  urlOf(queue: SqsQueue): string {
    return `${this.baseUrl()}/${LOCAL_ACCOUNT}/${queue.name}`;
  }

  arnOf(queue: SqsQueue): string {
    return `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${queue.name}`;
  }

  /**
   * Resolves when the queue changes, when its next hidden message becomes visible, at the
   * deadline (epoch ms), or when the endpoint closes, whichever comes first.
   */
  async waitForChange(queue: SqsQueue, deadline: number): Promise<void> {
    if (this.closed) return;
    const until = Math.min(deadline, queue.nextVisibleAt() ?? deadline);
    const waiters = this.waiters.get(queue.name) ?? new Set<() => void>();
    this.waiters.set(queue.name, waiters);
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(0, until - Date.now()));
      waiters.add(wake);
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Ends every long poll, and every one to come. */
  close(): void {
    this.closed = true;
    for (const waiters of this.waiters.values()) for (const wake of [...waiters]) wake();
  }

  /** Writes what is not saved yet. */
  async flush(): Promise<void> {
    await this.files?.flush();
  }

  private changed(name: string): void {
    this.files?.save(name, () => this.queues.get(name)?.toState());
    for (const wake of [...(this.waiters.get(name) ?? [])]) wake();
  }
}
