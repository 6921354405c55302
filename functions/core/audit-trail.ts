/**
 * The audit trail: what happened to each call and to each data-protection request, with time
 * and actor, and never any personal data (ids, statuses, step names, counts). One item per
 * execution (or request) in the calls table, appended to, kept for the configured retention.
 */
import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { dynamoDb } from '../aws/dynamodb';
import { configSection, readEnv, wholeNumber } from './config';
import { logger } from './logger';

export type AuditAction =
  | 'call.accepted'
  | 'call.refused'
  | 'consent.recorded'
  | 'execution.started'
  | 'execution.finished'
  | 'step.completed'
  | 'step.failed'
  | 'approval.decided'
  | 'job.queued'
  | 'job.replayed'
  | 'job.discarded'
  | 'privacy.export'
  | 'privacy.erase';

export interface AuditEntry {
  at: string;
  /** Who did it: `system`, `caller`, `approver:<role>`, `operator:<name>`, `admin:<name>`. */
  actor: string;
  action: AuditAction;
  /** Ids, statuses and counts only. */
  detail?: Record<string, string | number | boolean>;
}

const auditConfig = configSection((env) => {
  const raw = readEnv(
    z.object({ CALLS_TABLE: z.string().min(1), AUDIT_RETENTION_DAYS: wholeNumber(365, 1, 3650) }),
    env,
  );
  return { table: raw.CALLS_TABLE, ttlSeconds: raw.AUDIT_RETENTION_DAYS * 86_400 };
});

/** The trail's key: an execution id (`exec_…`) or a data-protection request (`privacy_…`). */
const auditKey = (trail: string) => ({ pk: { S: `audit#${trail}` } });

/**
 * Appends an entry. The trail must never fail the work it records: a failed write is logged
 * and the work goes on.
 */
export async function recordAudit(
  trail: string,
  ...entries: Array<Omit<AuditEntry, 'at'> & { at?: string }>
): Promise<void> {
  const at = new Date().toISOString();
  const full = entries.map((entry): AuditEntry => ({ at, ...entry }));
  try {
    const { table, ttlSeconds } = auditConfig();
    await dynamoDb().send(
      new UpdateItemCommand({
        TableName: table,
        Key: auditKey(trail),
        UpdateExpression:
          'SET entries = list_append(if_not_exists(entries, :none), :entry), expiresAt = :expiresAt',
        ExpressionAttributeValues: {
          ':none': { L: [] },
          ':entry': { L: full.map((entry) => ({ S: JSON.stringify(entry) })) },
          ':expiresAt': { N: String(Math.floor(Date.now() / 1000) + ttlSeconds) },
        },
      }),
    );
  } catch (error) {
    logger.error('Audit entry not recorded', {
      trail,
      actions: entries.map((entry) => entry.action),
      error,
    });
  }
}

/** Where refused calls are recorded: they have no execution, so one trail per hour. */
export const refusalsTrail = (at = new Date()) => `refusals-${at.toISOString().slice(0, 13)}`;

/** The trail in the order it happened. */
export async function readAuditTrail(trail: string): Promise<AuditEntry[]> {
  const { table } = auditConfig();
  const { Item } = await dynamoDb().send(
    new GetItemCommand({ TableName: table, Key: auditKey(trail), ConsistentRead: true }),
  );
  return (Item?.entries?.L ?? [])
    .map((value) => JSON.parse(value.S ?? '{}') as AuditEntry)
    .sort((a, b) => a.at.localeCompare(b.at));
}
