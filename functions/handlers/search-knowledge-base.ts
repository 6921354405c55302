/** Task: the knowledge-base answer to the caller's question, with its confidence. */
import type { Call, Language } from '../core/call';
import { outsideStep } from '../core/outside-step';
import { knowledgeBase } from '../support/connections';

export const handler = outsideStep(async (input: { call: Call; language: Language }) =>
  knowledgeBase().answer(input.call.summary, input.language),
);
