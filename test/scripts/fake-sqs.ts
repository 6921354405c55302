/**
 * An SQS queue in memory that keeps SQS's documented receive rules, where the local emulator
 * does not: a received message is hidden for its visibility timeout and then handed out again,
 * ChangeMessageVisibility counts from now (0 shows it at once) and needs the message in flight,
 * every receipt has a handle of its own and only the latest one works. `deliverTwice` plays SQS's at-least-once delivery.
 */
import { randomUUID } from 'node:crypto';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import type { SqsSender } from '../../scripts/queue/manual-queue-browser';

interface Stored {
  messageId: string;
  body: string;
  visibleAt: number;
  receiptHandle?: string;
  receives: number;
}

export class FakeSqs {
  readonly messages: Stored[] = [];
  /** Message ids that the next receive hands out twice, as SQS now and then does. */
  readonly deliverTwice = new Set<string>();
  readonly calls: string[] = [];

  /** With `sharedHandles`, one receipt handle per receive, as a faulty emulator gives. */
  constructor(private readonly options: { sharedHandles?: boolean } = {}) {}

  get client(): SqsSender {
    return this as unknown as SqsSender;
  }

  add(body: string): string {
    const messageId = randomUUID();
    this.messages.push({ messageId, body, visibleAt: 0, receives: 0 });
    return messageId;
  }

  /** The bodies of the messages a receive would hand out now. */
  visibleBodies(): string[] {
    return this.messages.filter((message) => message.visibleAt <= Date.now()).map((m) => m.body);
  }

  async send(command: { input: Record<string, unknown> }): Promise<unknown> {
    this.calls.push(command.constructor.name);
    const input = command.input;
    if (command instanceof ReceiveMessageCommand) return this.receive(input);
    if (command instanceof ChangeMessageVisibilityCommand) {
      this.inFlight(String(input.ReceiptHandle)).visibleAt =
        Date.now() + Number(input.VisibilityTimeout) * 1000;
      return {};
    }
    if (command instanceof DeleteMessageCommand) {
      // The latest handle deletes, visible again or not; an older one is ignored, as in SQS.
      const kept = this.messages.filter((m) => m.receiptHandle !== input.ReceiptHandle);
      this.messages.splice(0, this.messages.length, ...kept);
      return {};
    }
    if (command instanceof SendMessageCommand) {
      return { MessageId: this.add(String(input.MessageBody)) };
    }
    if (command instanceof GetQueueAttributesCommand) return { Attributes: {} };
    throw new Error(`FakeSqs does not do ${command.constructor.name}`);
  }

  private receive(input: Record<string, unknown>): { Messages: Message[] } {
    const now = Date.now();
    const max = Number(input.MaxNumberOfMessages ?? 1);
    const hideFor = Number(input.VisibilityTimeout ?? 30) * 1000;
    const handedOut: Message[] = [];
    const shared = randomUUID();
    for (const message of this.messages) {
      if (handedOut.length >= max) break;
      if (message.visibleAt > now) continue;
      const copies = this.deliverTwice.delete(message.messageId) ? 2 : 1;
      for (let copy = 0; copy < copies; copy += 1) {
        message.receiptHandle = this.options.sharedHandles ? shared : randomUUID();
        message.receives += 1;
        message.visibleAt = now + hideFor;
        handedOut.push({
          MessageId: message.messageId,
          ReceiptHandle: message.receiptHandle,
          Body: message.body,
        });
      }
    }
    return { Messages: handedOut };
  }

  private inFlight(receiptHandle: string): Stored {
    const message = this.messages.find((stored) => stored.receiptHandle === receiptHandle);
    if (!message || message.visibleAt <= Date.now()) {
      throw Object.assign(new Error('The message is not in flight'), {
        name: 'MessageNotInflight',
      });
    }
    return message;
  }
}
