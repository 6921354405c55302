/**
 * One standard SQS queue: messages hidden while in flight and visible again when their
 * visibility timeout runs out, a fresh receipt handle per message per receive, delays, and
 * retention, all in real time.
 */

import { randomUUID } from 'node:crypto';
import { messageGone, messageNotInflight, receiptHandleIsInvalid } from './sqs-errors';
import { type MessageAttributeValue, md5OfBody, md5OfMessageAttributes } from './sqs-md5';
import { numberSetting, type QueueSettings } from './sqs-queue-settings';
import { issueReceiptHandle, newHandleSecret, readReceiptHandle } from './sqs-receipt-handle';

export interface StoredMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  attributes?: Record<string, MessageAttributeValue>;
  md5OfAttributes?: string;
  /** Epoch milliseconds, like the times below. */
  sentAt: number;
  /** In flight while later than now and received before; delayed while never received. */
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
}

/** What is saved of a queue, and what it is restored from. */
export interface QueueState {
  name: string;
  createdAt: number;
  modifiedAt: number;
  settings: QueueSettings;
  /** Signs the receipt handles, so that the handles stay valid across a restart. */
  handleSecret: string;
  messages: StoredMessage[];
}

export interface Receipt {
  message: StoredMessage;
  receiptHandle: string;
}

export interface NewMessage {
  body: string;
  attributes?: Record<string, MessageAttributeValue>;
  delaySeconds?: number;
}

export class SqsQueue {
  private readonly messages = new Map<string, StoredMessage>();
  /** Messages the next receive hands out twice, as SQS's at-least-once delivery now and then does. */
  private readonly twice = new Set<string>();

  private constructor(
    private readonly state: Omit<QueueState, 'messages'>,
    messages: StoredMessage[],
    private readonly changed: () => void,
  ) {
    for (const message of messages) this.messages.set(message.messageId, message);
  }

  static create(name: string, settings: QueueSettings, changed: () => void): SqsQueue {
    const now = Date.now();
    const state = {
      name,
      createdAt: now,
      modifiedAt: now,
      settings,
      handleSecret: newHandleSecret(),
    };
    return new SqsQueue(state, [], changed);
  }

  /** In-flight messages come back visible: whoever received them did not outlive the restart. */
  static restore(saved: QueueState, changed: () => void): SqsQueue {
    const { messages, ...state } = saved;
    const restored = messages.map((message) =>
      message.receiveCount > 0 ? { ...message, visibleAt: 0 } : message,
    );
    const queue = new SqsQueue(state, restored, changed);
    queue.expire();
    return queue;
  }

  get name(): string {
    return this.state.name;
  }

  get settings(): QueueSettings {
    return { ...this.state.settings };
  }

  get createdAt(): number {
    return this.state.createdAt;
  }

  get modifiedAt(): number {
    return this.state.modifiedAt;
  }

  send(input: NewMessage): StoredMessage {
    const now = Date.now();
    const delay = input.delaySeconds ?? numberSetting(this.state.settings, 'DelaySeconds');
    const attributes =
      input.attributes && Object.keys(input.attributes).length > 0 ? input.attributes : undefined;
    const message: StoredMessage = {
      messageId: randomUUID(),
      body: input.body,
      md5OfBody: md5OfBody(input.body),
      ...(attributes ? { attributes, md5OfAttributes: md5OfMessageAttributes(attributes) } : {}),
      sentAt: now,
      visibleAt: now + delay * 1000,
      receiveCount: 0,
    };
    this.messages.set(message.messageId, message);
    this.changed();
    return message;
  }

  /** Up to `max` visible messages, oldest first, each hidden for `visibilitySeconds`. */
  receive(max: number, visibilitySeconds?: number): Receipt[] {
    this.expire();
    const now = Date.now();
    const hideFor =
      (visibilitySeconds ?? numberSetting(this.state.settings, 'VisibilityTimeout')) * 1000;
    const receipts: Receipt[] = [];
    for (const message of this.messages.values()) {
      if (receipts.length >= max) break;
      if (message.visibleAt > now) continue;
      const copies = this.twice.delete(message.messageId) ? 2 : 1;
      for (let copy = 0; copy < copies; copy += 1) {
        message.receiveCount += 1;
        message.firstReceivedAt ??= now;
        message.visibleAt = now + hideFor;
        const receiptHandle = issueReceiptHandle(this.state.handleSecret, message.messageId);
        receipts.push({ message: { ...message }, receiptHandle });
      }
    }
    if (receipts.length > 0) this.changed();
    return receipts;
  }

  /** Any handle the message was received with deletes it; one of a deleted message does nothing. */
  delete(receiptHandle: string): void {
    const messageId = this.messageIdOf(receiptHandle);
    if (this.messages.delete(messageId)) this.changed();
  }

  changeVisibility(receiptHandle: string, seconds: number): void {
    const message = this.messages.get(this.messageIdOf(receiptHandle));
    if (!message) throw messageGone(receiptHandle);
    const now = Date.now();
    if (message.receiveCount === 0 || message.visibleAt <= now) throw messageNotInflight();
    message.visibleAt = now + seconds * 1000;
    this.changed();
  }

  purge(): void {
    this.messages.clear();
    this.twice.clear();
    this.changed();
  }

  /** The next receive hands the message out twice; false when there is no such message. */
  deliverTwice(messageId: string): boolean {
    if (!this.messages.has(messageId)) return false;
    this.twice.add(messageId);
    return true;
  }

  counts(): { visible: number; inFlight: number; delayed: number } {
    this.expire();
    const now = Date.now();
    const counts = { visible: 0, inFlight: 0, delayed: 0 };
    for (const message of this.messages.values()) {
      if (message.visibleAt <= now) counts.visible += 1;
      else if (message.receiveCount > 0) counts.inFlight += 1;
      else counts.delayed += 1;
    }
    return counts;
  }

  /** When the next hidden message becomes visible, if any is hidden. */
  nextVisibleAt(): number | undefined {
    const now = Date.now();
    let next: number | undefined;
    for (const { visibleAt } of this.messages.values()) {
      if (visibleAt > now && (next === undefined || visibleAt < next)) next = visibleAt;
    }
    return next;
  }

  /** Every message, oldest first, as it is now. */
  list(): StoredMessage[] {
    this.expire();
    return [...this.messages.values()].map((message) => ({ ...message }));
  }

  toState(): QueueState {
    return { ...this.state, messages: [...this.messages.values()] };
  }

  private messageIdOf(receiptHandle: string): string {
    const messageId = readReceiptHandle(this.state.handleSecret, receiptHandle);
    if (messageId === undefined) throw receiptHandleIsInvalid(receiptHandle);
    return messageId;
  }

  /** Drops the messages older than the retention period, as SQS does. */
  private expire(): void {
    const oldest = Date.now() - numberSetting(this.state.settings, 'MessageRetentionPeriod') * 1000;
    let dropped = false;
    for (const [messageId, message] of this.messages) {
      if (message.sentAt > oldest) continue;
      this.messages.delete(messageId);
      dropped = true;
    }
    if (dropped) this.changed();
  }
}
