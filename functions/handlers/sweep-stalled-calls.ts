/** Scheduled: calls whose run never recorded an outcome go to the manual processing queue. */
import { sweepStalledCalls } from '../core/ended-runs';
import { withSecretValues } from '../core/secret-values';
import { workflowConfig } from '../core/workflow-config';

export const handler = withSecretValues(async () => {
  const jobs = await sweepStalledCalls(workflowConfig().callsTable);
  return { queued: jobs.length, jobs };
});
