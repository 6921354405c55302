/**
 * The whole backend in one stack: call storage, the workflows, the watch on runs that ended
 * badly, the webhook API and the data-protection endpoint, the secrets and senders they use,
 * and the dashboard and alarms, composed from the validated deployment configuration.
 */
import { Annotations, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { STATE_MACHINES } from '../functions/catalog';
import { WebhookApi } from './api';
import type { DeploymentConfig } from './config';
import { EndedRunWatch } from './ended-run-watch';
import { missingVariables } from './function-environment';
import { type FunctionName, SECRETS_READ } from './function-secrets';
import type { HandlerFunction } from './handler-function';
import { Monitoring } from './monitoring';
import { PrivacyEndpoint } from './privacy-endpoint';
import { DeploymentSecrets } from './secrets';
import { SenderIdentities } from './sender-identities';
import { CallStorage } from './storage';
import { type WorkflowName, Workflows } from './workflows';

/** The output that names each state machine's ARN. */
const STATE_MACHINE_OUTPUTS: Record<WorkflowName, string> = {
  lead: 'LeadStateMachineArn',
  support: 'SupportStateMachineArn',
  'high-value': 'HighValueStateMachineArn',
  'sla-watch': 'SlaWatchStateMachineArn',
};

export interface VoiceAutomationStackProps extends StackProps {
  config: DeploymentConfig;
}

export class VoiceAutomationStack extends Stack {
  readonly storage: CallStorage;
  readonly workflows: Workflows;
  readonly endedRunWatch: EndedRunWatch;
  readonly webhook: WebhookApi;
  readonly privacy: PrivacyEndpoint;
  readonly secrets: DeploymentSecrets;
  readonly senders: SenderIdentities;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: VoiceAutomationStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.storage = new CallStorage(this, 'Storage');
    const { calls, approvals, manualQueue } = this.storage;
    this.workflows = new Workflows(this, 'Workflows', { config, calls, approvals, manualQueue });
    const { stateMachines } = this.workflows;

    this.endedRunWatch = new EndedRunWatch(this, 'EndedRunWatch', {
      config,
      environment: this.workflows.environment,
      calls,
      manualQueue,
      standardMachines: Object.entries(stateMachines)
        .filter(([name]) => STATE_MACHINES[name as WorkflowName].type === 'STANDARD')
        .map(([, machine]) => machine),
    });

    // Calls start the workflows they name; an internal one (the SLA watch) only a workflow starts.
    const callable = Object.fromEntries(
      Object.entries(stateMachines).filter(
        ([name]) => !('internal' in STATE_MACHINES[name as WorkflowName]),
      ),
    );
    this.webhook = new WebhookApi(this, 'Webhook', {
      config,
      calls,
      stateMachines: callable,
      approvals,
      manualQueue,
      approvalWorkflow: stateMachines['high-value'],
    });
    this.workflows.taskFunctions.RequestApproval.addEnvironment(
      'APPROVAL_BASE_URL',
      this.webhook.approvalBaseUrl,
    );

    this.privacy = new PrivacyEndpoint(this, 'Privacy', {
      config,
      webhook: this.webhook,
      environment: this.workflows.environment,
      calls,
      approvals,
      manualQueue,
      longRunning: { highValue: stateMachines['high-value'], slaWatch: stateMachines['sla-watch'] },
    });

    this.secrets = new DeploymentSecrets(this, 'Secrets', config.secretNames);
    for (const [name, fn] of Object.entries(this.functions())) {
      this.secrets.grantRead(fn, SECRETS_READ[name as FunctionName]);
    }

    this.senders = new SenderIdentities(this, 'Senders', config);
    this.monitoring = new Monitoring(this, 'Monitoring', {
      config,
      manualQueue,
      deadLetterQueues: { EndedRunWatch: this.endedRunWatch.deadLetters },
      stateMachines,
    });

    // A synth without them is still useful (review, diff, tests), so it warns rather than fails;
    // `cdk synth --strict` turns the warning into an error for a real deployment.
    const missing = missingVariables(config);
    if (missing.length > 0) {
      Annotations.of(this).addWarningV2(
        'voice-automation:missing-settings',
        `The functions will fail at their first call without: ${missing.join(', ')}`,
      );
    }

    // The operators' queue command finds the queue, the table and the machines by these names.
    new CfnOutput(this, 'ApiUrl', { value: this.webhook.api.url });
    new CfnOutput(this, 'WebhookUrl', {
      description: 'The URL to enter in the voice platform, with the flow id at its end',
      value: this.webhook.api.urlForPath('/webhook/automation/{flow_id}'),
    });
    if (this.webhook.apiKey) {
      new CfnOutput(this, 'ApiKeyId', {
        description: 'aws apigateway get-api-key --include-value --api-key <this id>',
        value: this.webhook.apiKey.keyId,
      });
    }
    new CfnOutput(this, 'DashboardName', {
      value: this.monitoring.dashboard.dashboard.dashboardName,
    });
    new CfnOutput(this, 'CallsTableName', { value: calls.tableName });
    new CfnOutput(this, 'ManualQueueUrl', { value: manualQueue.queueUrl });
    for (const [name, outputId] of Object.entries(STATE_MACHINE_OUTPUTS)) {
      new CfnOutput(this, outputId, { value: stateMachines[name as WorkflowName].stateMachineArn });
    }
  }

  /** Every function of the stack by its catalog name. */
  functions(): Record<FunctionName, HandlerFunction> {
    const { intake, executions, approvalPage } = this.webhook;
    const { queueFailedExecution, sweepStalledCalls } = this.endedRunWatch;
    return {
      ...this.workflows.taskFunctions,
      Intake: intake,
      Executions: executions,
      ApprovalPage: approvalPage,
      PrivacyRequests: this.privacy.privacyRequests,
      QueueFailedExecution: queueFailedExecution,
      SweepStalledCalls: sweepStalledCalls,
    };
  }
}
