/** Task: the support call's level, complaint and defect reading, and its SLA. No outside call. */
import type { Call } from '../core/call';
import { supportConfig } from '../core/support-config';
import { assessSupportCall } from '../support/assess-call';

export const handler = async (input: { call: Call; receivedAt: number }) =>
  assessSupportCall(input.call, new Date(input.receivedAt), supportConfig().sla);
