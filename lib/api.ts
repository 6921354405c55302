/**
 * The HTTP edge the voice agent calls: `POST /webhook/automation/{flow_id}` runs a call through
 * the intake, `GET /executions/{id}` reads a run's result, and the approval links open
 * `/approvals/{id}`. Callers authenticate inside the functions (bearer token and webhook
 * signature, signed links), so the methods themselves carry no authorizer; the voice platform's
 * routes also take its API key and, when configured, only its addresses.
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import {
  EndpointType,
  type IApiKey,
  type IResource,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { API_FUNCTIONS } from '../functions/catalog';
import { accessLogFormat, allowListPolicy, meterVoicePlatform } from './api-access';
import { grantAuditTrail } from './audit-trail-permissions';
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
  /** The voice platform's API key, when the configuration requires one. */
  readonly apiKey: IApiKey | undefined;
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
      environment: approvalPageEnvironment(config, {
        approvalsTable: approvals.tableName,
        callsTable: calls.tableName,
      }),
      logRetention: config.logRetentionDays,
      entry: API_FUNCTIONS.ApprovalPage,
      description: 'The pages behind approval links: show the lead, take the decision once',
      timeout: Duration.seconds(10),
      memorySize: 256,
    });
    approvals.grant(this.approvalPage, 'dynamodb:GetItem', 'dynamodb:UpdateItem');
    approvalWorkflow.grantTaskResponse(this.approvalPage);
    // A decision is recorded in its call's audit trail.
    grantAuditTrail(this.approvalPage, calls);

    this.api = new RestApi(this, 'Api', {
      restApiName: `voice-automation-${config.stage}`,
      description: 'Webhook the voice agent calls during a phone call',
      // Regional: the caller is a server, and edge routing would take data out of the region.
      endpointTypes: [EndpointType.REGIONAL],
      policy: allowListPolicy(config.allowedIps),
      // Access and error logs need API Gateway's account-wide logging role; an account that has
      // one already keeps it (createApiLoggingRole: false).
      cloudWatchRole: config.createApiLoggingRole,
      deployOptions: {
        stageName: config.stage,
        throttlingRateLimit: config.apiRateLimit,
        throttlingBurstLimit: config.apiBurstLimit,
        accessLogDestination: new LogGroupLogDestination(
          new LogGroup(this, 'AccessLogs', { retention: config.logRetentionDays }),
        ),
        accessLogFormat: accessLogFormat(),
        // Errors only, and never the request or response data, which holds callers' details.
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        tracingEnabled: true,
      },
    });
    Validations.of(this.api).acknowledge(
      {
        id: 'AwsSolutions-APIG2',
        reason:
          'The intake validates the body itself, leniently where a language model filled it in ' +
          'and with a field-level answer where it cannot; a schema at the gateway would refuse ' +
          'the calls the intake is built to accept.',
      },
      {
        id: 'AwsSolutions-APIG3',
        reason:
          'No WAF web ACL by default: callers need the API key, a bearer token and (optionally) ' +
          'a signature, the stage and usage plan limit the rate, and the allow-list admits only ' +
          'the voice platform; an account that runs WAF can associate its web ACL with the stage.',
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason:
          "API Gateway's account-wide logging role, with the managed policy AWS documents for it; " +
          'the policy lets API Gateway write logs only.',
      },
    );

    const voicePlatform = { apiKeyRequired: config.apiKeyRequired };
    this.route(this.api.root.resourceForPath('webhook/automation/{flow_id}'), 'POST', this.intake, {
      ...voicePlatform,
      authenticatedBy: 'bearer token and webhook signature, in the intake',
    });
    this.route(this.api.root.resourceForPath('executions/{id}'), 'GET', this.executions, {
      ...voicePlatform,
      authenticatedBy: 'the bearer token of the webhook, in the function',
    });
    const approval = this.api.root.resourceForPath('approvals/{id}');
    for (const method of ['GET', 'POST']) {
      this.route(approval, method, this.approvalPage, {
        apiKeyRequired: false,
        authenticatedBy: 'the signed, expiring approval link, checked in the function',
      });
    }
    if (config.apiKeyRequired) this.apiKey = meterVoicePlatform(this.api, config);

    // Built from the API's id, not its stage resource, which would make the workflows depend on
    // the deployment of the very methods that start them.
    const stack = Stack.of(this);
    this.approvalBaseUrl =
      config.approvalBaseUrl ??
      `https://${this.api.restApiId}.execute-api.${stack.region}.${stack.urlSuffix}/${config.stage}`;
    this.approvalPage.addEnvironment('APPROVAL_BASE_URL', this.approvalBaseUrl);
  }

  /**
   * A method that hands the request to `handler` as it is (proxy integration). Its callers
   * authenticate in the function, which is what an authorizer could not do: a signature is over
   * the raw body, which authorizers never see.
   */
  route(
    resource: IResource,
    method: string,
    handler: HandlerFunction,
    options: { apiKeyRequired: boolean; authenticatedBy: string },
  ): void {
    const added = resource.addMethod(
      method,
      new LambdaIntegration(handler, { allowTestInvoke: false }),
      { apiKeyRequired: options.apiKeyRequired },
    );
    const reason = `Callers authenticate with ${options.authenticatedBy}.`;
    Validations.of(added).acknowledge(
      { id: 'AwsSolutions-APIG4', reason },
      { id: 'AwsSolutions-COG4', reason: `No Cognito users call this API. ${reason}` },
    );
  }
}
