/**
 * Task: hands a high-value lead that nobody decided on before the deadline to the manual
 * processing queue, and tells the admin.
 */
import { handOver, type RunRef } from '../core/hand-over';
import { withSecretValues } from '../core/secret-values';

interface DeadlineHandOver {
  executionId: string;
  receivedAt?: number;
  reason: string;
  run: RunRef;
}

export const handler = withSecretValues(async (input: DeadlineHandOver) => {
  const job = await handOver({
    kind: 'approval-deadline',
    workflow: 'high-value',
    executionId: input.executionId,
    run: input.run.name,
    reason: input.reason,
    ...(input.receivedAt ? { receivedAt: input.receivedAt } : {}),
    input: input.run.input,
  });
  return { status: 'queued', jobId: job.jobId };
});
