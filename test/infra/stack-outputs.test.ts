import type { CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type SynthesizedStack, synthesizeStack } from './synthesized-stack';

let synthesized: SynthesizedStack;
beforeAll(() => {
  synthesized = synthesizeStack({ bundle: false });
}, 60_000);

const ref = (construct: IConstruct) => ({
  Ref: synthesized.stack.getLogicalId(construct.node.defaultChild as CfnElement),
});
const outputValue = (key: string) => synthesized.template.findOutputs(key)[key]?.Value;

describe('the outputs the queue command reads', () => {
  it('name the manual queue and the calls table', () => {
    const { storage } = synthesized.stack;

    expect(outputValue('ManualQueueUrl')).toEqual(ref(storage.manualQueue));
    expect(outputValue('CallsTableName')).toEqual(ref(storage.calls));
  });

  it('name the state machine of every workflow a job can be replayed on', () => {
    const { stateMachines } = synthesized.stack.workflows;

    expect(outputValue('LeadStateMachineArn')).toEqual(ref(stateMachines.lead));
    expect(outputValue('SupportStateMachineArn')).toEqual(ref(stateMachines.support));
    expect(outputValue('HighValueStateMachineArn')).toEqual(ref(stateMachines['high-value']));
  });
});
