import { describe, expect, it } from 'vitest';
import { COMPLETE_SETTINGS, synthesizeStack } from './synthesized-stack';

const identitiesOf = (settings: Record<string, unknown>) => {
  const { template } = synthesizeStack({
    settings: { ...COMPLETE_SETTINGS, ...settings },
    bundle: false,
  });
  return {
    template,
    names: Object.values(template.findResources('AWS::SES::EmailIdentity')).map(
      (resource) => resource.Properties.EmailIdentity as string,
    ),
  };
};

describe('the SES sender identities', () => {
  it('verify the senders by their domain, once per domain, with the DKIM records as outputs', () => {
    const { template, names } = identitiesOf({});

    // sales@ and support@ share voice-automation.example.
    expect(names).toEqual(['voice-automation.example']);
    const outputs = Object.values(template.findOutputs('*')).map((output) =>
      JSON.stringify(output),
    );
    expect(outputs.filter((output) => output.includes('CNAME'))).toHaveLength(1);
  });

  it('verify each address when the configuration asks for that', () => {
    const { names } = identitiesOf({ senderIdentity: 'address' });

    expect(names.sort()).toEqual([
      'sales@voice-automation.example',
      'support@voice-automation.example',
    ]);
  });

  it('are left out while no sender is configured', () => {
    const { names } = identitiesOf({ emailFrom: '', supportEmailFrom: '' });

    expect(names).toEqual([]);
  });
});
