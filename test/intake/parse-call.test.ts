import { describe, expect, it } from 'vitest';
import fixture from '../fixtures/call-body.json';
import { FIXTURE_CALL } from '../fixtures/calls';
import { accepted, bodyWith, rejected } from './call-bodies';

const MINIMAL = {
  conversation_context: {
    customer_email: 'eva@example.com',
    conversation_summary: 'Asked about opening hours.',
    detected_intent: 'information',
  },
};

describe('parseCall', () => {
  it('maps a realistic sales call to a Call', () => {
    const call = accepted(fixture);

    expect(call).toEqual(FIXTURE_CALL);
  });

  it('fills the defaults when only the required fields are sent', () => {
    const call = accepted(MINIMAL);

    expect(call).toEqual({
      flowId: 'lead-qualification',
      triggerSource: 'mid_call_tool',
      contact: { email: 'eva@example.com', emailKey: 'eva@example.com' },
      summary: 'Asked about opening hours.',
      intent: 'information',
      urgency: 'medium',
      leadSource: 'phone_call',
      followUpRequired: true,
      painPoints: [],
      competitors: [],
      notes: [],
    });
  });

  it('accepts a body sent as a JSON string and sections sent as JSON strings', () => {
    const body = bodyWith({ custom_data: JSON.stringify(fixture.custom_data) });

    expect(accepted(JSON.stringify(body))).toEqual(accepted(fixture));
  });

  it('ignores unknown fields and names them in the notes', () => {
    const call = accepted(
      bodyWith({
        flow_id: 'lead',
        'conversation_context.customer_age': 42,
        'custom_data.foo': 'bar',
      }),
    );

    expect(call.notes).toEqual([
      'ignored unknown field flow_id',
      'ignored unknown field conversation_context.customer_age',
      'ignored unknown field custom_data.foo',
    ]);
  });

  describe('unfilled template slots', () => {
    it.each([
      '{phone}',
      '{{phone}}',
      '{{ customer_phone }}',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a slot as a model leaves it unfilled
      '${phone}',
      '[Phone Number]',
      '<phone>',
      '',
      '   ',
      'null',
      'N/A',
      'unknown',
      'None',
      'keine Angabe',
      null,
    ])('treat %j as a missing optional field', (value) => {
      const call = accepted(
        bodyWith({
          'conversation_context.customer_phone': value,
          'conversation_context.customer_name': value,
          'conversation_context.company_name': value,
          'conversation_context.urgency_level': value,
          'conversation_context.timestamp': value,
          'workflow_parameters.priority': value,
          'workflow_parameters.assigned_team': value,
          'workflow_parameters.follow_up_required': value,
          'custom_data.budget_mentioned': value,
          'custom_data.timeline_mentioned': value,
          'custom_data.pain_points': value,
          'custom_data.competitor_mentioned': value,
          language: value,
        }),
      );

      expect(call.contact).toEqual({
        email: 'Jana.Becker@nordlicht-logistik.de',
        emailKey: 'jana.becker@nordlicht-logistik.de',
      });
      expect(call).toMatchObject({ urgency: 'medium', followUpRequired: true, painPoints: [] });
      for (const field of ['timestamp', 'priority', 'team', 'budget', 'timeline', 'language']) {
        expect(call).not.toHaveProperty(field);
      }
      expect(call.competitors).toEqual([]);
      expect(call.notes).toEqual([]);
    });

    it('report a required field left as a placeholder as required', () => {
      const errors = rejected(
        bodyWith({
          'conversation_context.customer_email': '{email}',
          'conversation_context.conversation_summary': '{{summary}}',
          'conversation_context.detected_intent': 'unknown',
        }),
      );

      expect(errors).toEqual([
        {
          field: 'conversation_context.customer_email',
          problem: 'is required',
          allowed: 'an e-mail address such as name@example.com',
        },
        {
          field: 'conversation_context.conversation_summary',
          problem: 'is required',
          allowed: 'text of up to 4000 characters',
        },
        {
          field: 'conversation_context.detected_intent',
          problem: 'is required',
          allowed: ['support', 'sales', 'information', 'complaint', 'partnership'],
        },
      ]);
    });

    it('report each required field when the whole section is missing', () => {
      const errors = rejected(bodyWith({ conversation_context: undefined }));

      expect(errors.map((error) => [error.field, error.problem])).toEqual([
        ['conversation_context.customer_email', 'is required'],
        ['conversation_context.conversation_summary', 'is required'],
        ['conversation_context.detected_intent', 'is required'],
      ]);
    });
  });
});
