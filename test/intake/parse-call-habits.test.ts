import { describe, expect, it } from 'vitest';
import { accepted, bodyWith, rejected } from './call-bodies';

describe("parseCall reads a model's habits in", () => {
  describe('enumerated values', () => {
    it('accept another case and surrounding spaces', () => {
      const call = accepted(
        bodyWith({
          'conversation_context.detected_intent': ' Sales ',
          'conversation_context.urgency_level': ' HIGH ',
          'workflow_parameters.priority': 'Medium',
          'workflow_parameters.assigned_team': 'SUPPORT',
        }),
      );

      expect(call).toMatchObject({ intent: 'sales', urgency: 'high', priority: 'medium' });
      expect(call.team).toBe('support');
    });

    it.each([
      ['conversation_context.detected_intent', 'Beschwerde', 'intent', 'complaint'],
      ['conversation_context.detected_intent', 'technical_support', 'intent', 'support'],
      ['conversation_context.detected_intent', 'Partnerschaft', 'intent', 'partnership'],
      ['conversation_context.urgency_level', 'urgent', 'urgency', 'high'],
      ['conversation_context.urgency_level', 'dringend', 'urgency', 'high'],
      ['conversation_context.urgency_level', 'Kritisch', 'urgency', 'critical'],
      ['conversation_context.urgency_level', 'normal', 'urgency', 'medium'],
      ['workflow_parameters.priority', 'critical', 'priority', 'high'],
      ['workflow_parameters.assigned_team', 'Customer Success', 'team', 'success'],
      ['workflow_parameters.assigned_team', 'Vertrieb', 'team', 'sales'],
    ])('read %s %j as %s %s', (field, value, property, expected) => {
      const call = accepted(bodyWith({ [field]: value }));

      expect(call).toHaveProperty(property, expected);
    });

    it('refuse a word that does not clearly name one value', () => {
      const errors = rejected(
        bodyWith({ 'workflow_parameters.assigned_team': 'technical support' }),
      );

      expect(errors).toEqual([
        {
          field: 'workflow_parameters.assigned_team',
          problem: 'must be one of the listed values',
          allowed: ['sales', 'support', 'success', 'technical'],
        },
      ]);
    });
  });

  describe('lists', () => {
    it.each([
      ['a comma, semicolon and newline separated string', 'Salesforce, HubSpot; Pipedrive\nZoho'],
      ['a JSON array string', '["Salesforce", "HubSpot", "Pipedrive", "Zoho"]'],
      [
        'an array with blanks and placeholders',
        ['Salesforce', ' HubSpot ', '', '{competitor}', 'Pipedrive', null, 'Zoho'],
      ],
      ['a bulleted list', '- Salesforce\n- HubSpot\n- Pipedrive\n- Zoho'],
      ['a list with repeats', 'Salesforce, hubspot, HubSpot, Pipedrive, Zoho, salesforce'],
    ])('read %s', (_, value) => {
      const call = accepted(bodyWith({ 'custom_data.competitor_mentioned': value }));

      expect(call.competitors).toEqual(
        value === 'Salesforce, hubspot, HubSpot, Pipedrive, Zoho, salesforce'
          ? ['Salesforce', 'hubspot', 'Pipedrive', 'Zoho']
          : ['Salesforce', 'HubSpot', 'Pipedrive', 'Zoho'],
      );
    });

    it('refuse a list of objects', () => {
      const errors = rejected(bodyWith({ 'custom_data.pain_points': [{ text: 'slow' }] }));

      expect(errors).toMatchObject([
        { field: 'custom_data.pain_points', problem: 'must be a list of texts' },
      ]);
    });
  });

  describe('yes-or-no fields', () => {
    it.each([
      [true, true],
      ['true', true],
      ['Yes', true],
      ['ja', true],
      [1, true],
      [false, false],
      ['false', false],
      ['no', false],
      ['Nein', false],
      ['0', false],
    ])('read %j as %s', (value, expected) => {
      const call = accepted(bodyWith({ 'workflow_parameters.follow_up_required': value }));

      expect(call.followUpRequired).toBe(expected);
    });

    it('refuse a word that is neither', () => {
      const errors = rejected(bodyWith({ 'workflow_parameters.follow_up_required': 'maybe' }));

      expect(errors).toEqual([
        {
          field: 'workflow_parameters.follow_up_required',
          problem: 'must be true or false',
          allowed: 'true or false (also yes/no, ja/nein)',
        },
      ]);
    });
  });

  describe('the timestamp', () => {
    it.each([
      ['2024-03-12T10:41:27+01:00', '2024-03-12T09:41:27.000Z'],
      ['2024-03-12T09:41:27.123Z', '2024-03-12T09:41:27.123Z'],
      ['2024-03-12 09:41:27', '2024-03-12T09:41:27.000Z'],
      [1_710_236_487, '2024-03-12T09:41:27.000Z'],
      ['1710236487', '2024-03-12T09:41:27.000Z'],
      [1_710_236_487_123, '2024-03-12T09:41:27.123Z'],
      ['1710236487123', '2024-03-12T09:41:27.123Z'],
    ])('reads %j as %s', (value, expected) => {
      expect(accepted(bodyWith({ 'conversation_context.timestamp': value })).timestamp).toBe(
        expected,
      );
    });

    it.each(['yesterday afternoon', '2024-02-30T10:00:00Z', '99999', { at: 'now' }])(
      'leaves out %j with a note rather than refusing the call',
      (value) => {
        const call = accepted(bodyWith({ 'conversation_context.timestamp': value }));

        expect(call.timestamp).toBeUndefined();
        expect(call.notes).toEqual([
          'conversation_context.timestamp could not be read as a time and was ignored',
        ]);
      },
    );
  });

  describe('the budget', () => {
    it('reads a number sent as a number', () => {
      const call = accepted(bodyWith({ 'custom_data.budget_mentioned': 75000 }));

      expect(call.budget).toEqual({ raw: '75000', min: 75_000, max: 75_000 });
    });

    it('leaves out a budget text without an amount, with a note', () => {
      const call = accepted(bodyWith({ 'custom_data.budget_mentioned': 'depends on the offer' }));

      expect(call.budget).toBeUndefined();
      expect(call.notes).toEqual(['custom_data.budget_mentioned holds no amount and was left out']);
    });
  });

  describe('the answer language', () => {
    it.each([
      ['de', 'de'],
      ['de-DE', 'de'],
      ['de_AT', 'de'],
      ['German', 'de'],
      ['Deutsch', 'de'],
      ['EN', 'en'],
      ['en-US', 'en'],
      ['English', 'en'],
    ])('reads %j as %s', (value, expected) => {
      expect(accepted(bodyWith({ language: value })).language).toBe(expected);
    });

    it('ignores a language the agent does not answer in, with a note', () => {
      const call = accepted(bodyWith({ language: 'fr-FR' }));

      expect(call.language).toBeUndefined();
      expect(call.notes).toEqual([
        'language is not one the agent answers in (en, de) and was ignored',
      ]);
    });
  });

  describe('lists that say there is nothing', () => {
    it.each([
      ['no'],
      ['None mentioned'],
      ['nein'],
      [false],
      ['false'],
      ['keine Wettbewerber'],
      [['no']],
    ])('read competitor_mentioned %j as no competitors', (value) => {
      const call = accepted(bodyWith({ 'custom_data.competitor_mentioned': value }));

      expect(call.competitors).toEqual([]);
    });

    it('keep real names next to a "none"', () => {
      const call = accepted(bodyWith({ 'custom_data.competitor_mentioned': 'Contoso, none' }));

      expect(call.competitors).toEqual(['Contoso']);
    });
  });

  describe('invisible characters', () => {
    it('drop control characters and zero-width marks from text', () => {
      const call = accepted(
        bodyWith({ 'conversation_context.customer_name': 'Jana\u200b Becker\u0007' }),
      );

      expect(call.contact.name).toBe('Jana Becker');
    });

    it('treat a summary of only invisible characters as missing', () => {
      const errors = rejected(
        bodyWith({ 'conversation_context.conversation_summary': '\u200b\u200b\u2060' }),
      );

      expect(errors).toContainEqual(
        expect.objectContaining({
          field: 'conversation_context.conversation_summary',
          problem: 'is required',
        }),
      );
    });

    it('count characters, not UTF-16 units, against a length limit', () => {
      const call = accepted(
        bodyWith({ 'conversation_context.conversation_summary': '🙂'.repeat(3000) }),
      );

      expect([...call.summary]).toHaveLength(3000);
    });
  });
});
