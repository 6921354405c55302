/** Scheduled: calls whose run never recorded an outcome go to the manual processing queue. */
import { sweepStalledCalls } from '../core/ended-runs';
import { workflowConfig } from '../core/workflow-config';

export const handler = async () => {
  const jobs = await sweepStalledCalls(workflowConfig().callsTable);
  return { queued: jobs.length, jobs };
};
