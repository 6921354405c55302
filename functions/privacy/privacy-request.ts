/**
 * A data-protection request, as the admin endpoint and `npm run privacy` make it: export or
 * erase everything held on one person, recorded in the audit trail with who asked.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../core/audit-trail';
import { configSection, readEnv } from '../core/config';
import { HttpError } from '../core/errors';
import { manualQueueUrl } from '../core/manual-queue';
import { crm } from '../lead/connections';
import {
  CallInProgressError,
  CrmUnavailableError,
  type ErasureReport,
  erasePersonalData,
  exportPersonalData,
  type PersonalData,
  type PrivacyTarget,
  UnreadableEmailError,
} from './personal-data';

export const PRIVACY_ACTIONS = ['export', 'erase'] as const;
export type PrivacyAction = (typeof PRIVACY_ACTIONS)[number];

const list = z
  .string()
  .min(1, 'set at least one admin token (comma-separated for rotation)')
  .transform((value) =>
    value
      .split(',')
      .map((token) => token.trim())
      .filter(Boolean),
  );

export const privacyConfig = configSection((env) => {
  const raw = readEnv(
    z.object({
      ADMIN_TOKENS: list,
      CALLS_TABLE: z.string().min(1),
      APPROVALS_TABLE: z.string().min(1),
      HIGH_VALUE_STATE_MACHINE_ARN: z.string().optional(),
      SLA_WATCH_STATE_MACHINE_ARN: z.string().optional(),
    }),
    env,
  );
  const machines = [raw.HIGH_VALUE_STATE_MACHINE_ARN, raw.SLA_WATCH_STATE_MACHINE_ARN];
  return {
    adminTokens: raw.ADMIN_TOKENS,
    callsTable: raw.CALLS_TABLE,
    approvalsTable: raw.APPROVALS_TABLE,
    longRunningMachines: machines.filter((arn): arn is string => Boolean(arn)),
  };
});

export function privacyTarget(): PrivacyTarget {
  const config = privacyConfig();
  return {
    callsTable: config.callsTable,
    approvalsTable: config.approvalsTable,
    manualQueueUrl: manualQueueUrl(),
    longRunningMachines: config.longRunningMachines,
    crm: crm(),
  };
}

export type PrivacyAnswer =
  | { request_id: string; action: 'export'; data: PersonalData }
  | { request_id: string; action: 'erase'; erased: ErasureReport };

/** Runs the request; the trail `privacy_…` and each of the person's calls record it. */
export async function runPrivacyRequest(
  action: PrivacyAction,
  email: string,
  actor: string,
  target: PrivacyTarget,
): Promise<PrivacyAnswer> {
  const requestId = `privacy_${randomUUID().replaceAll('-', '')}`;
  try {
    if (action === 'export') {
      const data = await exportPersonalData(email, target);
      await audit(requestId, actor, 'privacy.export', data.executionIds, {
        calls: data.executionIds.length,
        records: data.records.length,
        approvals: data.approvals.length,
        queuedJobs: data.queuedJobs.length,
        crmContacts: data.crmContacts.length,
      });
      return { request_id: requestId, action, data };
    }
    const { executionIds, erased } = await erasePersonalData(email, target);
    await audit(requestId, actor, 'privacy.erase', executionIds, { ...erased });
    return { request_id: requestId, action, erased };
  } catch (error) {
    if (error instanceof UnreadableEmailError) {
      throw new HttpError(400, error.message, { field: 'email' });
    }
    if (error instanceof CallInProgressError) throw new HttpError(409, error.message);
    if (error instanceof CrmUnavailableError) {
      throw new HttpError(503, error.message, { retry_after_seconds: 30 });
    }
    throw error;
  }
}

async function audit(
  requestId: string,
  actor: string,
  action: 'privacy.export' | 'privacy.erase',
  executionIds: string[],
  detail: Record<string, number | boolean>,
): Promise<void> {
  await Promise.all([
    recordAudit(requestId, { actor, action, detail }),
    ...executionIds.map((id) => recordAudit(id, { actor, action, detail: { request: requestId } })),
  ]);
}
