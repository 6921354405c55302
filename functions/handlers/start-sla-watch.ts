/**
 * Task: starts the SLA watch (a Standard workflow that can wait for hours) for the ticket. Named
 * after the call, so a repeated start joins the watch that is already running.
 */
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { stepFunctions } from '../aws/step-functions';
import { toConnectorError } from '../connectors/aws-error';
import { ConfigError } from '../core/config';
import { outsideStep } from '../core/outside-step';
import { supportConfig } from '../core/support-config';
import { workflowConfig } from '../core/workflow-config';
import type { SupportStepReport, SupportTaskInput } from '../support/support-task';

export const handler = outsideStep(async (input: SupportTaskInput): Promise<SupportStepReport> => {
  const stateMachineArn = supportConfig().slaWatchStateMachineArn;
  if (!stateMachineArn) {
    throw new ConfigError(['SLA_WATCH_STATE_MACHINE_ARN: the ARN of the SLA watch state machine']);
  }
  const { sla } = input.assessment;
  const timeoutMs = workflowConfig().connectorTimeoutMs;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const started = await stepFunctions().send(
      new StartExecutionCommand({
        stateMachineArn,
        name: `sla-${input.executionId}`,
        input: JSON.stringify({
          executionId: input.executionId,
          ticketId: input.ticket.ticketId,
          sla,
        }),
      }),
      { abortSignal: signal },
    );
    return {
      status: 'started',
      channel: 'sla',
      step: 'sla-watch',
      id: started.executionArn ?? '',
      at: sla.dueAt,
    };
  } catch (error) {
    if ((error as { name?: string }).name === 'ExecutionAlreadyExists') {
      return { status: 'started', channel: 'sla', step: 'sla-watch', at: sla.dueAt };
    }
    throw toConnectorError(error, { service: 'stepfunctions', timeoutMs, signal });
  }
});
