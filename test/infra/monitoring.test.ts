import type { CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMPLETE_SETTINGS, type SynthesizedStack, synthesizeStack } from './synthesized-stack';

let synthesized: SynthesizedStack;
beforeAll(() => {
  synthesized = synthesizeStack({ bundle: false });
}, 60_000);

const logicalId = (construct: IConstruct) =>
  synthesized.stack.getLogicalId(construct.node.defaultChild as CfnElement);

interface MetricQuery {
  Id: string;
  Expression?: string;
  ReturnData?: boolean;
  MetricStat?: {
    Metric: {
      Namespace: string;
      MetricName: string;
      Dimensions?: Array<{ Name: string; Value: unknown }>;
    };
    Period: number;
    Stat: string;
  };
}
interface AlarmProperties {
  AlarmName: string;
  Threshold: number;
  ComparisonOperator: string;
  EvaluationPeriods: number;
  TreatMissingData: string;
  AlarmActions: unknown[];
  OKActions: unknown[];
  Metrics?: MetricQuery[];
  MetricName?: string;
  Namespace?: string;
  Period?: number;
}

const alarm = (name: string): AlarmProperties => {
  const found = Object.values(synthesized.template.findResources('AWS::CloudWatch::Alarm')).find(
    (resource) => resource.Properties.AlarmName.endsWith(`-${name}`),
  );
  if (!found) throw new Error(`no alarm ${name}`);
  return found.Properties as AlarmProperties;
};
const expressionOf = (properties: AlarmProperties) =>
  properties.Metrics?.find((query) => query.ReturnData !== false)?.Expression ?? '';
const metricsOf = (properties: AlarmProperties) =>
  (properties.Metrics ?? []).flatMap((query) => (query.MetricStat ? [query.MetricStat] : []));
const dimensionsOf = (stat: NonNullable<MetricQuery['MetricStat']>) =>
  Object.fromEntries((stat.Metric.Dimensions ?? []).map(({ Name, Value }) => [Name, Value]));

describe('the critical alarms', () => {
  it('go off when fewer than 90 % of the calls in 5 minutes were handled', () => {
    const success = alarm('critical-SuccessRate');
    const stats = metricsOf(success);

    expect(success).toMatchObject({
      Threshold: 90,
      ComparisonOperator: 'LessThanThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
    // CallsAnswered is stored per Workflow and Status, as the intake emits it.
    expect(stats.map((stat) => stat.Metric.MetricName)).toEqual(Array(10).fill('CallsAnswered'));
    expect(stats.map(dimensionsOf)).toContainEqual({ Workflow: 'lead', Status: 'completed' });
    expect(stats.map(dimensionsOf)).toContainEqual({ Workflow: 'support', Status: 'failed' });
    expect(new Set(stats.map((stat) => `${stat.Period} ${stat.Stat}`))).toEqual(
      new Set(['300 Sum']),
    );
    expect(expressionOf(success)).toMatch(/^100\*\(FILL\(lead_completed,0\)\+/);
    expect(expressionOf(success)).toContain('FILL(support_pending_approval,0)');
  });

  it('go off when more than 10 answers in 5 minutes took longer than 10 s', () => {
    const slow = alarm('critical-SlowAnswers');

    expect(slow).toMatchObject({ Threshold: 10, ComparisonOperator: 'GreaterThanThreshold' });
    expect(metricsOf(slow).map((stat) => [stat.Metric.MetricName, stat.Stat, stat.Period])).toEqual(
      [
        ['AnswerTime', 'TC(10000:)', 300],
        ['AnswerTime', 'TC(10000:)', 300],
      ],
    );
    expect(metricsOf(slow).map(dimensionsOf)).toEqual([
      { Workflow: 'lead' },
      { Workflow: 'support' },
    ]);
  });

  it('go off when over 20 % of the calls in 2 minutes failed or went to a person', () => {
    const errors = alarm('critical-ErrorRate');

    expect(errors).toMatchObject({ Threshold: 20, ComparisonOperator: 'GreaterThanThreshold' });
    expect(new Set(metricsOf(errors).map((stat) => stat.Period))).toEqual(new Set([120]));
    expect(expressionOf(errors)).toMatch(
      /^100\*\(FILL\(lead_failed,0\)\+FILL\(lead_accepted,0\)\+FILL\(support_failed,0\)\+FILL\(support_accepted,0\)\)\//,
    );
  });
});

describe('the warnings', () => {
  it('go off when more than 50 jobs wait in the manual queue', () => {
    const queue = alarm('warning-ManualQueueDepth');

    expect(queue).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Threshold: 50,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    expect(JSON.stringify(queue)).toContain(logicalId(synthesized.stack.storage.manualQueue));
  });

  it('go off when more than 15 % of the attempts of outside steps were retries', () => {
    const retries = alarm('warning-RetryRate');
    const names = metricsOf(retries).map(
      (stat) => `${stat.Metric.MetricName} ${dimensionsOf(stat).Workflow}`,
    );

    expect(retries).toMatchObject({ Threshold: 15, ComparisonOperator: 'GreaterThanThreshold' });
    for (const workflow of ['lead', 'high-value', 'support', 'sla-watch']) {
      expect(names).toContain(`StepRetries ${workflow}`);
      expect(names).toContain(`StepAttempts ${workflow}`);
    }
    expect(expressionOf(retries)).toMatch(
      /^100\*\(FILL\(retries_lead,0\)\+.*\)\/\(FILL\(attempts_lead,0\)/,
    );
  });

  it.each([
    ['LeadWorkflowFailures', 'lead'],
    ['HighValueWorkflowFailures', 'high-value'],
    ['SupportWorkflowFailures', 'support'],
    ['SlaWatchWorkflowFailures', 'sla-watch'],
  ] as const)('%s goes off at any run that failed, timed out or was aborted', (name, machine) => {
    const failures = alarm(`warning-${name}`);

    expect(failures).toMatchObject({
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(
      metricsOf(failures)
        .map((stat) => stat.Metric.MetricName)
        .sort(),
    ).toEqual(['ExecutionsAborted', 'ExecutionsFailed', 'ExecutionsTimedOut']);
    expect(JSON.stringify(failures)).toContain(
      logicalId(synthesized.stack.workflows.stateMachines[machine]),
    );
  });

  it('go off at anything in the dead-letter queue of the watch on ended runs', () => {
    const deadLetters = alarm('warning-EndedRunWatchDeadLetters');

    expect(deadLetters).toMatchObject({
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(JSON.stringify(deadLetters)).toContain(
      logicalId(synthesized.stack.endedRunWatch.deadLetters),
    );
  });
});

describe('every alarm', () => {
  const alarms = () =>
    Object.values(synthesized.template.findResources('AWS::CloudWatch::Alarm')).map(
      (resource) => resource.Properties as AlarmProperties,
    );

  it('tells the alarm topic when it goes off and when it clears', () => {
    const topic = { Ref: logicalId(synthesized.stack.monitoring.topic) };

    expect(alarms()).toHaveLength(10);
    for (const properties of alarms()) {
      expect(properties.AlarmActions, properties.AlarmName).toEqual([topic]);
      expect(properties.OKActions, properties.AlarmName).toEqual([topic]);
    }
  });

  it('watches at most 10 metrics, the most CloudWatch allows in an alarm', () => {
    for (const properties of alarms()) {
      expect(metricsOf(properties).length, properties.AlarmName).toBeLessThanOrEqual(10);
    }
  });
});

describe('the alarm topic', () => {
  it('mails the admin when no alarm address is given, over TLS only', () => {
    synthesized.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@voice-automation.example',
    });
    const policy = Object.values(synthesized.template.findResources('AWS::SNS::TopicPolicy'))[0];
    expect(JSON.stringify(policy)).toContain('"aws:SecureTransport":"false"');
  });

  it('mails the alarm address when one is given', () => {
    const own = synthesizeStack({
      settings: { ...COMPLETE_SETTINGS, alarmEmail: 'oncall@voice-automation.example' },
      bundle: false,
    });

    own.template.hasResourceProperties('AWS::SNS::Subscription', {
      Endpoint: 'oncall@voice-automation.example',
    });
    own.template.resourceCountIs('AWS::SNS::Subscription', 1);
  });
});

describe('the dashboard', () => {
  const body = () => {
    const dashboard = Object.values(
      synthesized.template.findResources('AWS::CloudWatch::Dashboard'),
    )[0] as { Properties: { DashboardBody: { 'Fn::Join': [string, unknown[]] } } };
    const text = dashboard.Properties.DashboardBody['Fn::Join'][1]
      .map((part) => (typeof part === 'string' ? part : 'REF'))
      .join('');
    return JSON.parse(text) as {
      widgets: Array<{
        properties: { title?: string; metrics?: unknown[]; annotations?: unknown };
      }>;
    };
  };
  const widget = (title: string) => {
    const found = body().widgets.find((candidate) => candidate.properties.title === title);
    if (!found) throw new Error(`no widget ${title}`);
    return JSON.stringify(found.properties);
  };

  it("charts the reference's metrics", () => {
    const titles = body().widgets.map((candidate) => candidate.properties.title);

    expect(titles).toEqual(
      expect.arrayContaining([
        'Success rate',
        'Execution time',
        'Error rate by workflow',
        'Retry rate',
        'Partial success rate',
        'Manual processing queue',
        'Workflow runs that failed, timed out or were aborted',
        'Alarms',
      ]),
    );
  });

  it('computes the rates from the metrics as the functions emit them', () => {
    expect(widget('Success rate')).toContain('FILL(lead_completed,0)');
    expect(widget('Partial success rate')).toContain('FILL(support_partial,0)');
    expect(widget('Error rate by workflow')).toContain(
      '100*(FILL(lead_failed,0)+FILL(lead_accepted,0))',
    );
    expect(widget('Retry rate')).toContain('StepRetries');
    expect(widget('Calls answered by workflow and status')).toContain(
      "SEARCH('{VoiceCallAutomation,Workflow,Status} MetricName=\\\"CallsAnswered\\\"', 'Sum', 300)",
    );
  });

  it('shows the answer time at p50, p95 and p99 per workflow, with the thresholds', () => {
    const times = widget('Execution time');

    for (const statistic of ['p50', 'p95', 'p99']) expect(times).toContain(`"stat":"${statistic}"`);
    expect(times).toContain('"value":10000');
    expect(times).toContain('"value":5000');
  });

  it('shows the queue depth and the executions failed per state machine', () => {
    expect(widget('Manual processing queue')).toContain('ApproximateNumberOfMessagesVisible');
    const failed = widget('Workflow runs that failed, timed out or were aborted');
    for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted']) {
      expect(failed).toContain(metric);
    }
  });
});
