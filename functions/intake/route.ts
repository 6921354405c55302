/** Which workflow a call runs: the path's flow id names it, and `auto` decides by intent. */
import type { Intent } from '../core/call';
import type { IntakeConfig } from '../core/config';
import { HttpError } from '../core/errors';

export const FLOW_IDS = ['lead', 'support', 'high-value', 'auto'] as const;
export type FlowId = (typeof FLOW_IDS)[number];
/** The workflows a call can start; `high-value` calls start in the lead workflow (below). */
export type Workflow = 'lead' | 'support';

const WORKFLOW_BY_INTENT: Record<Intent, Workflow> = {
  sales: 'lead',
  partnership: 'lead',
  information: 'lead',
  support: 'support',
  complaint: 'support',
};

/** Rejects an unknown flow id before anything else is done with the request. */
export function checkFlowId(flowId: string): FlowId {
  const known = FLOW_IDS.find((id) => id === flowId.toLowerCase());
  if (!known) {
    throw new HttpError(404, `Unknown flow "${flowId.slice(0, 64)}".`, { known_flows: FLOW_IDS });
  }
  return known;
}

/**
 * A `high-value` call is created, enriched and scored like any lead; the lead workflow hands it
 * to manager approval when it scores above 90 and processes it directly otherwise.
 */
export function workflowFor(flowId: FlowId, intent: Intent): Workflow {
  if (flowId === 'auto') return WORKFLOW_BY_INTENT[intent];
  return flowId === 'high-value' ? 'lead' : flowId;
}

/** The state machine that runs `workflow`, or 501 when this deployment does not have it yet. */
export function stateMachineFor(workflow: Workflow, config: IntakeConfig): string {
  const arn = {
    lead: config.stateMachines.lead,
    support: config.stateMachines.support,
  }[workflow];
  if (!arn) {
    throw new HttpError(
      501,
      `The ${workflow} workflow is not built yet in this version; send the call to the lead flow.`,
    );
  }
  return arn;
}
