import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { STATE_MACHINES } from '../../functions/catalog';
import { PROJECT_ROOT } from '../../lib/handler-function';
import { type SynthesizedStack, synthesizeStack } from './synthesized-stack';

type Validate = (definition: unknown) => {
  isValid: boolean;
  errorsText: (separator?: string) => string;
};
const validateAsl = createRequire(import.meta.url)('asl-validator') as Validate;

interface State {
  Type: string;
  Resource?: string;
  Seconds?: number;
  Branches?: Array<{ States: Record<string, State> }>;
  ItemProcessor?: { ProcessorConfig?: { Mode?: string }; States: Record<string, State> };
  Iterator?: { States: Record<string, State> };
}

const MACHINES = Object.entries(STATE_MACHINES);
const definitionOf = (file: string) => readFileSync(path.join(PROJECT_ROOT, file), 'utf8');

/** The definition as deployed: every `${<Task>Arn}` substituted with a function's ARN. */
const deployed = (file: string) =>
  JSON.parse(
    definitionOf(file).replace(
      /\$\{(\w+)Arn\}/g,
      'arn:aws:lambda:eu-central-1:123456789012:function:$1',
    ),
  ) as { States: Record<string, State>; TimeoutSeconds?: number };

/** Every state of a definition, nested ones (parallel branches, map iterations) included. */
function allStates(states: Record<string, State>): Array<[string, State]> {
  return Object.entries(states).flatMap(([name, state]) => [
    [name, state] as [string, State],
    ...(state.Branches ?? []).flatMap((branch) => allStates(branch.States)),
    ...[state.ItemProcessor, state.Iterator].flatMap((inner) =>
      inner ? allStates(inner.States) : [],
    ),
  ]);
}

describe('the ASL files', () => {
  it.each(MACHINES)('%s passes the Amazon States Language validator', (_name, machine) => {
    const result = validateAsl(deployed(machine.file));

    expect(result.isValid, result.errorsText('\n')).toBe(true);
  });

  it('are checked by a validator that does refuse a broken definition', () => {
    const broken = { StartAt: 'Missing', States: { Done: { Type: 'Succeed' } } };

    expect(validateAsl(broken).isValid).toBe(false);
  });
});

describe('the Express workflows', () => {
  const express = MACHINES.filter(([, machine]) => machine.type === 'EXPRESS');

  it('are the synchronous ones, lead and support', () => {
    expect(express.map(([name]) => name).sort()).toEqual(['lead', 'support']);
  });

  it.each(express)('%s uses no pattern that Express does not run', (_name, machine) => {
    const definition = deployed(machine.file);
    const unsupported = allStates(definition.States).flatMap(([name, state]) => {
      const resource = state.Resource ?? '';
      return [
        ...(/\.sync(:\d+)?$/.test(resource) ? [`${name}: .sync (run a job)`] : []),
        ...(resource.endsWith('.waitForTaskToken') ? [`${name}: .waitForTaskToken`] : []),
        ...(/^arn:aws[\w-]*:states:[^:]*:[^:]*:activity:/.test(resource)
          ? [`${name}: an activity`]
          : []),
        ...(state.ItemProcessor?.ProcessorConfig?.Mode === 'DISTRIBUTED'
          ? [`${name}: a distributed Map`]
          : []),
        // An Express run ends after 5 minutes.
        ...(state.Type === 'Wait' && (state.Seconds ?? 0) > 300 ? [`${name}: a wait > 5 min`] : []),
      ];
    });

    expect(unsupported).toEqual([]);
    expect(definition.TimeoutSeconds ?? 300).toBeLessThanOrEqual(300);
  });
});

describe('the deployed state machines', () => {
  let synthesized: SynthesizedStack;
  beforeAll(() => {
    synthesized = synthesizeStack({ bundle: false });
  }, 60_000);

  it.each(MACHINES.map(([name, machine]) => [name, machine.type] as const))(
    '%s is deployed as a %s workflow',
    (name, type) => {
      const { stack, template } = synthesized;
      const deployedMachine = stack.workflows.stateMachines[name as keyof typeof STATE_MACHINES];
      const resource = template.toJSON().Resources[
        stack.getLogicalId(deployedMachine.node.defaultChild as CfnElement)
      ] as { Properties: { StateMachineType: string } };

      expect(resource.Properties.StateMachineType).toBe(type);
    },
  );
});
