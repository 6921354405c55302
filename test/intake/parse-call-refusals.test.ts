import { describe, expect, it } from 'vitest';
import { accepted, bodyWith, rejected } from './call-bodies';

describe('parseCall refusing a body', () => {
  it('caps text lengths and says what is allowed', () => {
    const errors = rejected(
      bodyWith({
        'conversation_context.conversation_summary': 'x'.repeat(4001),
        'conversation_context.customer_name': 'y'.repeat(201),
      }),
    );

    expect(errors).toEqual([
      {
        field: 'conversation_context.customer_name',
        problem: 'is longer than 200 characters',
        allowed: 'text of up to 200 characters',
      },
      {
        field: 'conversation_context.conversation_summary',
        problem: 'is longer than 4000 characters',
        allowed: 'text of up to 4000 characters',
      },
    ]);
  });

  it('accepts a summary of exactly the longest length', () => {
    const summary = 'x'.repeat(4000);

    expect(
      accepted(bodyWith({ 'conversation_context.conversation_summary': summary })).summary,
    ).toBe(summary);
  });

  describe('a body with many bad fields', () => {
    const BAD_VALUES = {
      'conversation_context.customer_email': 'jana at nordlicht dot de',
      'conversation_context.customer_phone': '+49 30 12',
      'conversation_context.customer_name': { first: 'Jana', last: 'Becker' },
      'conversation_context.conversation_summary': undefined,
      'conversation_context.detected_intent': 'Kündigung wegen Umzug',
      'conversation_context.urgency_level': 'sehr sehr eilig',
      'workflow_parameters.follow_up_required': 'vielleicht Becker',
      'workflow_parameters.priority': 'Jana-Prio',
      'workflow_parameters.assigned_team': 'Becker team',
      'custom_data.pain_points': { Becker: 'slow' },
    };

    it('lists every bad field at once', () => {
      const errors = rejected(bodyWith(BAD_VALUES));

      expect(errors.map((error) => [error.field, error.problem])).toEqual([
        ['conversation_context.customer_email', 'is not an e-mail address'],
        ['conversation_context.customer_phone', 'is not a phone number'],
        ['conversation_context.customer_name', 'must be text'],
        ['conversation_context.conversation_summary', 'is required'],
        ['conversation_context.detected_intent', 'must be one of the listed values'],
        ['conversation_context.urgency_level', 'must be one of the listed values'],
        ['workflow_parameters.follow_up_required', 'must be true or false'],
        ['workflow_parameters.priority', 'must be one of the listed values'],
        ['workflow_parameters.assigned_team', 'must be one of the listed values'],
        ['custom_data.pain_points', 'must be a list of texts'],
      ]);
      expect(errors.find((error) => error.field.endsWith('customer_phone'))?.allowed).toBe(
        'a phone number, national or international (E.164)',
      );
    });

    it('never echoes the submitted values', () => {
      const text = JSON.stringify(rejected(bodyWith(BAD_VALUES)));

      for (const secret of [
        'jana',
        'Jana',
        'Becker',
        'nordlicht',
        '+49 30 12',
        'Kündigung',
        'eilig',
        'vielleicht',
      ]) {
        expect(text).not.toContain(secret);
      }
    });
  });

  it('refuses a section that is not an object, once', () => {
    const errors = rejected(bodyWith({ workflow_parameters: 42 }));

    expect(errors).toEqual([
      {
        field: 'workflow_parameters',
        problem: 'must be an object',
        allowed: 'an object with its fields',
      },
    ]);
  });

  it.each([null, undefined, [], 'hello', '', 42, '[1, 2]', '{email}'])(
    'refuses a body %j that is not a JSON object with one error',
    (body) => {
      expect(rejected(body)).toEqual([{ field: '(body)', problem: 'must be a JSON object' }]);
    },
  );
});
