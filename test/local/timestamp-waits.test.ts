import { describe, expect, it } from 'vitest';
import '../../local/stack';
import { LocalStepFunctions } from '../../local/stepfunctions/engine';
import {
  SCALED_WAIT_RESOURCE,
  timestampWaits,
  withScaledWaits,
} from '../../local/stepfunctions/timestamp-waits';

const DEFINITION = {
  StartAt: 'WaitUntilDue',
  States: {
    WaitUntilDue: { Type: 'Wait', TimestampPath: '$.sla.dueAt', Next: 'Done' },
    Done: { Type: 'Pass', End: true },
  },
};

function engine(timeScale: number) {
  return new LocalStepFunctions({
    region: 'eu-central-1',
    accountId: '000000000000',
    timeScale,
    handlers: {},
  });
}

describe('waits until a timestamp on the local engine', () => {
  it('plays the time left until the timestamp times the scale, and passes the input on', async () => {
    // Prepare: an hour ahead is 360 ms at 0.0001
    const local = engine(0.0001);
    const machine = local.register('watch', DEFINITION, 'STANDARD');
    const dueAt = new Date(Date.now() + 3600_000).toISOString();

    // Act
    const started = Date.now();
    const execution = local.start(machine.arn, 'one', JSON.stringify({ sla: { dueAt } }));
    await execution.done;
    const took = Date.now() - started;

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? '{}')).toEqual({ sla: { dueAt } });
    expect(took).toBeGreaterThanOrEqual(300);
    expect(took).toBeLessThan(3000);
  });

  it('goes on at once when the timestamp has passed', async () => {
    const local = engine(0.5);
    const machine = local.register('late', DEFINITION, 'STANDARD');

    const execution = local.start(machine.arn, 'late', '{"sla":{"dueAt":"2020-01-01T00:00:00Z"}}');
    await execution.done;

    expect(execution.status).toBe('SUCCEEDED');
  });

  it('fails the run as Step Functions does when the path holds no timestamp', async () => {
    const local = engine(0.5);
    const machine = local.register('broken', DEFINITION, 'STANDARD');

    const execution = local.start(machine.arn, 'broken', '{"sla":{}}');
    await execution.done;

    expect(execution).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });

  it('runs a copy with the Wait as a stand-in Task, finding Waits inside branches too', () => {
    const nested = {
      StartAt: 'Both',
      States: {
        Both: { Type: 'Parallel', Branches: [DEFINITION], End: true },
      },
    };

    expect(timestampWaits(nested)).toEqual([
      { name: 'WaitUntilDue', timestampPath: '$.sla.dueAt' },
    ]);
    const branch = (withScaledWaits(nested).States.Both as { Branches: (typeof DEFINITION)[] })
      .Branches[0];
    expect(branch?.States.WaitUntilDue).not.toHaveProperty('TimestampPath');
    expect(branch?.States.WaitUntilDue).toMatchObject({
      Type: 'Task',
      Resource: SCALED_WAIT_RESOURCE,
      Next: 'Done',
    });
    // A Wait has no timeout, and the engine gives a Task 60 s unless told otherwise.
    const stand = branch?.States.WaitUntilDue as { TimeoutSeconds?: number } | undefined;
    expect(stand?.TimeoutSeconds).toBeGreaterThan(14 * 86_400);
  });

  it('refuses a TimestampPath it cannot read locally', () => {
    const odd = {
      ...DEFINITION,
      States: {
        ...DEFINITION.States,
        WaitUntilDue: {
          ...DEFINITION.States.WaitUntilDue,
          TimestampPath: '$$.Execution.StartTime',
        },
      },
    };

    expect(() => timestampWaits(odd)).toThrow(/plain TimestampPaths/);
  });
});
