/** Loads the Lambda handler files the way the local stack calls them: in-process, by path. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_FUNCTIONS } from '../functions/catalog';
import type { ApiHandler, ApiRoute } from './api-gateway';
import type { TaskHandler } from './stepfunctions/task-map';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function loadHandler<T = TaskHandler>(entry: string): Promise<T> {
  const module = (await import(join(PROJECT_ROOT, entry))) as { handler: T };
  return module.handler;
}

/** The REST API's routes, as the CDK app declares them, with the Lambda timeouts they have. */
export async function apiRoutes(): Promise<ApiRoute[]> {
  const intake = await loadHandler<ApiHandler>(API_FUNCTIONS.Intake);
  const executions = await loadHandler<ApiHandler>(API_FUNCTIONS.Executions);
  const approvals = await loadHandler<ApiHandler>(API_FUNCTIONS.ApprovalPage);
  const privacy = await loadHandler<ApiHandler>(API_FUNCTIONS.PrivacyRequests);
  return [
    { method: 'POST', path: '/webhook/automation/{flow_id}', handler: intake, timeoutMs: 15_000 },
    { method: 'GET', path: '/executions/{id}', handler: executions, timeoutMs: 5_000 },
    { method: 'GET', path: '/approvals/{id}', handler: approvals, timeoutMs: 10_000 },
    { method: 'POST', path: '/approvals/{id}', handler: approvals, timeoutMs: 10_000 },
    { method: 'POST', path: '/admin/privacy/{action}', handler: privacy, timeoutMs: 60_000 },
  ];
}
