/**
 * The approvals table: one item per approval, holding the workflow's current task token (never
 * shown anywhere), who may decide, what they are deciding on, and the decision once taken.
 */
import {
  type AttributeValue,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { dynamoDb } from '../aws/dynamodb';
import type { ApproverRole } from './approval-link';

/** What the manager sees: the lead's facts, shown escaped on the page and in the e-mail. */
export interface ApprovalReview {
  name?: string;
  company?: string;
  summary: string;
  score: number;
  reasons: string[];
  budget?: string;
  timeline?: string;
  competitors: string[];
  painPoints: string[];
}

/** How an approval ended: a person's decision, or the deadline's configured outcome. */
export interface ApprovalResult {
  decision: 'approved' | 'rejected' | 'declined' | 'manual';
  approver: string;
  comment: string;
  decidedAt: string;
}

/** A person's decision, taken through an approval link. */
export interface Decision extends ApprovalResult {
  decision: 'approved' | 'rejected';
  role: ApproverRole;
}

export interface Approval {
  approvalId: string;
  executionId: string;
  status: 'pending' | 'approved' | 'rejected' | 'expired';
  approvers: Partial<Record<ApproverRole, string>>;
  linkExpiresAt: number;
  review: ApprovalReview;
  decision?: Decision;
}

/** Kept this long after the link expires, so that a late click still learns what happened. */
const RETENTION_SECONDS = 30 * 86_400;

export class ApprovalClosedError extends Error {
  constructor(readonly approval: Approval | undefined) {
    super('The approval is no longer pending');
    this.name = 'ApprovalClosedError';
  }
}

const isConditionFailure = (error: unknown) =>
  (error as { name?: string }).name === 'ConditionalCheckFailedException';

/**
 * Opens the approval, or, when the workflow retries this step, hands the open approval the new
 * token. Answers false when it was already decided or expired.
 */
export async function openApproval(
  table: string,
  approval: Omit<Approval, 'status' | 'decision'>,
  taskToken: string,
): Promise<boolean> {
  try {
    await dynamoDb().send(
      new PutItemCommand({
        TableName: table,
        Item: {
          pk: { S: approval.approvalId },
          executionId: { S: approval.executionId },
          status: { S: 'pending' },
          taskToken: { S: taskToken },
          approvers: { S: JSON.stringify(approval.approvers) },
          linkExpiresAt: { N: String(approval.linkExpiresAt) },
          expiresAt: { N: String(approval.linkExpiresAt + RETENTION_SECONDS) },
          review: { S: JSON.stringify(approval.review) },
        },
        ConditionExpression: 'attribute_not_exists(pk) OR #status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': { S: 'pending' } },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** A reminder or escalation waits with a new token; escalation also adds an approver. */
export async function renewToken(
  table: string,
  approvalId: string,
  taskToken: string,
  approvers?: Approval['approvers'],
): Promise<boolean> {
  const values: Record<string, AttributeValue> = {
    ':token': { S: taskToken },
    ':pending': { S: 'pending' },
  };
  if (approvers) values[':approvers'] = { S: JSON.stringify(approvers) };
  try {
    await dynamoDb().send(
      new UpdateItemCommand({
        TableName: table,
        Key: { pk: { S: approvalId } },
        UpdateExpression: `SET taskToken = :token${approvers ? ', approvers = :approvers' : ''}`,
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

function fromItem(item: Record<string, AttributeValue>): Approval {
  return {
    approvalId: item.pk?.S ?? '',
    executionId: item.executionId?.S ?? '',
    status: (item.status?.S ?? 'pending') as Approval['status'],
    approvers: JSON.parse(item.approvers?.S ?? '{}'),
    linkExpiresAt: Number(item.linkExpiresAt?.N ?? 0),
    review: JSON.parse(item.review?.S ?? '{}'),
    ...(item.decision?.S ? { decision: JSON.parse(item.decision.S) as Decision } : {}),
  };
}

export async function readApproval(
  table: string,
  approvalId: string,
): Promise<Approval | undefined> {
  const { Item: item } = await dynamoDb().send(
    new GetItemCommand({ TableName: table, Key: { pk: { S: approvalId } }, ConsistentRead: true }),
  );
  return item ? fromItem(item) : undefined;
}

/**
 * Takes the decision once: only a pending approval changes, and the token to settle the
 * workflow with comes back from the same write, so two clicks cannot both settle it.
 */
export async function takeDecision(
  table: string,
  approvalId: string,
  status: Approval['status'],
  decision: Decision | undefined,
): Promise<{ taskToken: string }> {
  const values: Record<string, AttributeValue> = {
    ':status': { S: status },
    ':pending': { S: 'pending' },
  };
  if (decision) values[':decision'] = { S: JSON.stringify(decision) };
  try {
    const { Attributes: after } = await dynamoDb().send(
      new UpdateItemCommand({
        TableName: table,
        Key: { pk: { S: approvalId } },
        UpdateExpression: `SET #status = :status${decision ? ', decision = :decision' : ''}`,
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { taskToken: after?.taskToken?.S ?? '' };
  } catch (error) {
    if (isConditionFailure(error))
      throw new ApprovalClosedError(await readApproval(table, approvalId));
    throw error;
  }
}
