/** Task: the approval's timings from the configuration, as the ASL's waits and timeouts read them. */
import { approvalConfig } from '../approval/approval-config';

export const handler = async () => {
  const config = approvalConfig();
  return {
    remindAfterSeconds: config.remindAfterSeconds,
    escalateAfterSeconds: Math.max(1, config.escalateAfterSeconds - config.remindAfterSeconds),
    deadlineAfterSeconds: Math.max(1, config.deadlineSeconds - config.escalateAfterSeconds),
    checkInAfterSeconds: config.checkInAfterSeconds,
    statusUpdateEverySeconds: config.statusUpdateEverySeconds,
    statusUpdates: Array.from({ length: config.statusUpdates }, (_, index) => index + 1),
  };
};
