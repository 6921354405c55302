import { describe, expect, it } from 'vitest';
import type { IntakeConfig } from '../../../functions/core/config';
import { HttpError } from '../../../functions/core/errors';
import { stateMachineFor, workflowFor } from '../../../functions/intake/route';

const CONFIG = {
  stateMachines: { lead: 'arn:lead', support: 'arn:support' },
} as IntakeConfig;

describe('routing a call', () => {
  it.each([
    ['support', 'support'],
    ['complaint', 'support'],
    ['sales', 'lead'],
    ['information', 'lead'],
    ['partnership', 'lead'],
  ] as const)('sends an auto call with intent %s to %s', (intent, workflow) => {
    expect(workflowFor('auto', intent)).toBe(workflow);
  });

  it('runs the support flow named in the path whatever the intent', () => {
    expect(workflowFor('support', 'sales')).toBe('support');
    expect(stateMachineFor('support', CONFIG)).toBe('arn:support');
  });

  it('answers 501 for a workflow this deployment has no state machine for', () => {
    const withoutSupport = { stateMachines: { lead: 'arn:lead' } } as IntakeConfig;

    let refused: unknown;
    try {
      stateMachineFor('support', withoutSupport);
    } catch (error) {
      refused = error;
    }

    expect(refused).toBeInstanceOf(HttpError);
    expect(refused).toMatchObject({
      statusCode: 501,
      message: expect.stringMatching(/support workflow is not built yet/),
    });
  });
});
