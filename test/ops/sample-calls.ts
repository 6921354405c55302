/**
 * The calls the operations page is looked at after: a completed lead, a support call answered
 * from the knowledge base, two leads whose chat was down (partial, each a queued job) and a
 * high-value lead waiting for its manager.
 */
import type { LocalStack } from '../../local/stack';
import { type Answer, postCall, sampleCall } from '../helpers/calls';
import { highValueCall } from '../helpers/high-value';

/** The partial lead whose page is checked for personal data. */
export const PARTIAL_CALLER = {
  customer_email: 'olga.petrova@initrode.example',
  customer_name: 'Olga Petrova',
  customer_phone: '+49 170 5550123',
  company_name: 'Initrode Software',
};

export interface SampleAnswers {
  completed: Answer;
  support: Answer;
  /** Partial: its job is replayed from the page. */
  replayed: Answer;
  /** Partial: its job is discarded from the page. */
  discarded: Answer;
  highValue: Answer;
}

export async function sendSampleCalls(stack: LocalStack): Promise<SampleAnswers> {
  const send = (body: unknown, flow = 'lead') => postCall(stack.apiUrl, body, { flow });
  const lead = (email: string, name: string) =>
    sampleCall({ conversation_context: { customer_email: email, customer_name: name } });

  const completed = await send(lead('jonas.keller@globex-logistics.example', 'Jonas Keller'));
  const support = await send(
    sampleCall({
      conversation_context: {
        customer_email: 'nils.berg@initrode.example',
        customer_name: 'Nils Berg',
        conversation_summary: 'How do I forward calls to my mobile when the office is closed?',
        detected_intent: 'support',
        urgency_level: 'medium',
      },
      custom_data: { budget_mentioned: null, pain_points: null },
    }),
    'support',
  );

  stack.slack.injectFault({ kind: 'status', status: 503, times: 'always' });
  const replayed = await send(sampleCall({ conversation_context: PARTIAL_CALLER }));
  const discarded = await send(lead('piet.jansen@initrode.example', 'Piet Jansen'));
  stack.slack.clearFaults();

  const highValue = await send(highValueCall(stack, 'coo@acme-industries.example'));
  return { completed, support, replayed, discarded, highValue };
}
