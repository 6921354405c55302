/**
 * Operations: the topic the alarms notify, with the alarm address (the admin's when none is
 * configured) subscribed, the alarms at the reference's thresholds and the dashboard.
 */
import { Validations } from 'aws-cdk-lib';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { OperationsAlarms } from './alarms';
import type { DeploymentConfig } from './config';
import { OperationsDashboard } from './dashboard';

export interface MonitoringProps {
  config: DeploymentConfig;
  manualQueue: IQueue;
  /** Queues of events nobody handled, by a name for the alarm. */
  deadLetterQueues: Record<string, IQueue>;
  stateMachines: Record<string, StateMachine>;
}

export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: OperationsAlarms;
  readonly dashboard: OperationsDashboard;
  /** Where the alarms go; undefined until an alarm or admin address is configured. */
  readonly alarmEmail: string | undefined;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { config } = props;
    const name = `voice-automation-${config.stage}`;

    this.topic = new Topic(this, 'AlarmTopic', {
      topicName: `${name}-alarms`,
      displayName: `Voice automation ${config.stage} alarms`,
      enforceSSL: true,
    });
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notices carry alarm names, states and metric values, no personal data; CloudWatch ' +
        "cannot publish to a topic encrypted with SNS's AWS managed key, and a key of our own " +
        'for these notices would protect nothing.',
    });
    this.alarmEmail = config.alarmEmail ?? config.adminEmail;
    if (this.alarmEmail) this.topic.addSubscription(new EmailSubscription(this.alarmEmail));

    const shared = {
      manualQueue: props.manualQueue,
      deadLetterQueues: props.deadLetterQueues,
      stateMachines: props.stateMachines,
    };
    this.alarms = new OperationsAlarms(this, 'Alarms', {
      ...shared,
      prefix: name,
      topic: this.topic,
    });
    this.dashboard = new OperationsDashboard(this, 'Dashboard', {
      ...shared,
      name,
      alarms: Object.values(this.alarms.alarms),
    });
  }
}
