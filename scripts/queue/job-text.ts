/** How jobs read on a terminal: one line each in a listing, a header and the JSON in full. */
import { MANUAL_JOB_KINDS, type ManualJob } from '../../functions/core/manual-queue';
import type { QueuedJob } from '../../functions/core/queued-job';

const COLUMNS = ['JOB', 'KIND', 'WORKFLOW', 'EXECUTION', 'QUEUED AT', 'REASON', 'FAILED STEPS'];

function failedStepNames(job: ManualJob): string {
  return job.failedSteps.length > 0 ? job.failedSteps.map((step) => step.step).join(', ') : '-';
}

function copiesNote(queued: QueuedJob): string {
  return queued.copies.length > 1 ? ` (${queued.copies.length} copies)` : '';
}

/** One line per job, columns aligned, and the total. */
export function jobListing(jobs: QueuedJob[]): string {
  if (jobs.length === 0) return 'The manual processing queue is empty.';
  const rows = jobs.map((queued) => {
    const { job } = queued;
    if (!job) return [queued.id, '?', '?', '?', '?', 'not a job this tool can read', '-'];
    return [
      `${job.jobId}${copiesNote(queued)}`,
      job.kind,
      job.workflow,
      job.executionId,
      job.queuedAt,
      job.reason,
      failedStepNames(job),
    ];
  });
  const widths = COLUMNS.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ');
  const total = `${jobs.length} job${jobs.length === 1 ? '' : 's'} in the queue.`;
  return [line(COLUMNS), ...rows.map(line), '', total].join('\n');
}

/** A readable header, then the job as it was queued. */
export function jobDetails(queued: QueuedJob): string {
  const { job } = queued;
  const messages = queued.copies.map((copy) => copy.messageId).join(', ');
  if (!job) {
    return [
      `Message ${queued.id} holds no job this tool can read. Its body:`,
      '',
      queued.copies[0]?.body ?? '',
    ].join('\n');
  }
  const headline = MANUAL_JOB_KINDS[job.kind] ?? job.kind;
  const field = (name: string, value: string) => `  ${name.padEnd(13)}${value}`;
  const lines = [
    `Job ${job.jobId}${copiesNote(queued)}`,
    field('Kind', `${job.kind}: ${headline}`),
    field('Reason', job.reason),
    field('Workflow', job.workflow),
    field(
      'Execution',
      job.run === job.executionId ? job.executionId : `${job.executionId} (run ${job.run})`,
    ),
    ...(job.receivedAt ? [field('Call at', new Date(job.receivedAt).toISOString())] : []),
    field('Queued at', job.queuedAt),
    field('SQS message', messages),
    ...(job.error ? [field('Error', job.error)] : []),
    field('Admin told', job.adminNotified.length > 0 ? job.adminNotified.join(', ') : 'nobody'),
  ];
  if (job.failedSteps.length > 0) {
    lines.push('  Failed steps');
    for (const step of job.failedSteps) {
      const attempts = `${step.attempts} attempt${step.attempts === 1 ? '' : 's'}`;
      lines.push(`    ${step.step}: ${step.error}`);
      lines.push(`      ${attempts}, ${step.firstAttemptAt} to ${step.lastAttemptAt}`);
    }
  }
  const fallback = Object.entries(job.fallback ?? {});
  if (fallback.length > 0) {
    lines.push('  Fallback');
    const width = Math.max(...fallback.map(([what]) => what.length));
    for (const [what, result] of fallback) lines.push(`    ${what.padEnd(width)}  ${result}`);
  }
  return [...lines, '', JSON.stringify(job, null, 2)].join('\n');
}
