/**
 * The manual queue's depth over time: SQS's approximate counts (waiting, in flight, delayed),
 * sampled on a timer and whenever the metrics are asked for. SQS keeps no history of them.
 */
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { sqs } from '../../functions/aws/sqs';

export interface DepthSample {
  at: number;
  depth: number;
}

const KEPT_SAMPLES = 720;
const COUNTS = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
] as const;

export class QueueDepth {
  private readonly kept: DepthSample[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly queueUrl: string) {}

  samples(): DepthSample[] {
    return [...this.kept];
  }

  /** Takes a sample; a queue that does not answer leaves a gap rather than a wrong zero. */
  async sample(): Promise<void> {
    try {
      const { Attributes = {} } = await sqs().send(
        new GetQueueAttributesCommand({ QueueUrl: this.queueUrl, AttributeNames: [...COUNTS] }),
        { abortSignal: AbortSignal.timeout(2000) },
      );
      const depth = COUNTS.reduce((sum, name) => sum + Number(Attributes[name] ?? 0), 0);
      this.kept.push({ at: Date.now(), depth });
      this.kept.splice(0, Math.max(0, this.kept.length - KEPT_SAMPLES));
    } catch {
      // The next sample tries again; the chart shows the gap.
    }
  }

  start(everyMs: number): void {
    this.timer = setInterval(() => void this.sample(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
