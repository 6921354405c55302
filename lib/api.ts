/**
 * The HTTP edge the voice agent calls: `POST /webhook/automation/{flow_id}` runs a call through
 * the intake, `GET /executions/{id}` reads a run's result. Callers authenticate inside the intake
 * (bearer token and webhook signature), so the methods themselves carry no authorizer.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import { EndpointType, LambdaIntegration, RestApi } from 'aws-cdk-lib/aws-apigateway';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { API_FUNCTIONS } from '../functions/catalog';
import type { DeploymentConfig } from './config';
import { approvalPageEnvironment, intakeEnvironment } from './function-environment';
import { HandlerFunction } from './handler-function';

export interface WebhookApiProps {
  config: DeploymentConfig;
  calls: ITable;
  /** The workflows calls start; the intake may start these and no others. */
  stateMachines: Record<string, StateMachine>;
  approvals: ITable;
  /** Where a call goes whose workflow cannot be started. */
  manualQueue: IQueue;
  /** The workflow that approval decisions are handed to. */
  approvalWorkflow: StateMachine;
}

/** Time for the intake to write the answer after the caller's budget has run out. */
const ANSWER_MARGIN = Duration.seconds(3);

export class WebhookApi extends Construct {
  readonly api: RestApi;
  readonly intake: HandlerFunction;
  readonly executions: HandlerFunction;
  readonly approvalPage: HandlerFunction;
  /** Where approval links point: the configured URL, or this API's own stage URL. */
  readonly approvalBaseUrl: string;

  constructor(scope: Construct, id: string, props: WebhookApiProps) {
    super(scope, id);
    const { config, calls, stateMachines, approvals, manualQueue, approvalWorkflow } = props;

    const environment = intakeEnvironment(config, {
      callsTable: calls.tableName,
      stateMachineArns: Object.fromEntries(
        Object.entries(stateMachines).map(([name, machine]) => [name, machine.stateMachineArn]),
      ),
    });
    const shared = { environment, logRetention: config.logRetentionDays };

    this.intake = new HandlerFunction(this, 'Intake', {
      ...shared,
      // A call whose workflow cannot be started is queued for a person (intake/run-once.ts).
      environment: { ...environment, MANUAL_QUEUE_URL: manualQueue.queueUrl },
      entry: API_FUNCTIONS.Intake,
      description: 'Webhook intake: authenticate, validate, de-duplicate, run the workflow',
      timeout: Duration.millis(config.timeBudgetMs).plus(ANSWER_MARGIN),
      memorySize: 512,
    });
    calls.grant(
      this.intake,
      'dynamodb:PutItem',
      'dynamodb:GetItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    );
    for (const machine of Object.values(stateMachines)) {
      machine.grant(this.intake, 'states:StartSyncExecution');
    }
    manualQueue.grant(this.intake, 'sqs:SendMessage');

    this.executions = new HandlerFunction(this, 'Executions', {
      ...shared,
      entry: API_FUNCTIONS.Executions,
      description: 'Status and result of one call run',
      timeout: Duration.seconds(6),
      memorySize: 256,
    });
    calls.grant(this.executions, 'dynamodb:GetItem');

    this.approvalPage = new HandlerFunction(this, 'ApprovalPage', {
      environment: approvalPageEnvironment(config, { approvalsTable: approvals.tableName }),
      logRetention: config.logRetentionDays,
      entry: API_FUNCTIONS.ApprovalPage,
      description: 'The pages behind approval links: show the lead, take the decision once',
      timeout: Duration.seconds(10),
      memorySize: 256,
    });
    approvals.grant(this.approvalPage, 'dynamodb:GetItem', 'dynamodb:UpdateItem');
    approvalWorkflow.grantTaskResponse(this.approvalPage);

    this.api = new RestApi(this, 'Api', {
      restApiName: `voice-automation-${config.stage}`,
      description: 'Webhook the voice agent calls during a phone call',
      // Regional: the caller is a server, and edge routing would take data out of the region.
      endpointTypes: [EndpointType.REGIONAL],
      cloudWatchRole: false,
      deployOptions: {
        stageName: config.stage,
        throttlingRateLimit: config.apiRateLimit,
        throttlingBurstLimit: config.apiBurstLimit,
      },
    });
    const integrate = (handler: HandlerFunction) =>
      new LambdaIntegration(handler, { allowTestInvoke: false });

    this.api.root
      .resourceForPath('webhook/automation/{flow_id}')
      .addMethod('POST', integrate(this.intake));
    this.api.root.resourceForPath('executions/{id}').addMethod('GET', integrate(this.executions));
    const approval = this.api.root.resourceForPath('approvals/{id}');
    approval.addMethod('GET', integrate(this.approvalPage));
    approval.addMethod('POST', integrate(this.approvalPage));

    // Built from the API's id, not its stage resource, which would make the workflows depend on
    // the deployment of the very methods that start them.
    const stack = Stack.of(this);
    this.approvalBaseUrl =
      config.approvalBaseUrl ??
      `https://${this.api.restApiId}.execute-api.${stack.region}.${stack.urlSuffix}/${config.stage}`;
    this.approvalPage.addEnvironment('APPROVAL_BASE_URL', this.approvalBaseUrl);
  }
}
