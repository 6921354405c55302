/** Task: the knowledge-base answer to the caller's question, with its confidence. */
import type { Call, Language } from '../core/call';
import { outsideStep } from '../core/outside-step';
import { withSecretValues } from '../core/secret-values';
import { knowledgeBase } from '../support/connections';

export const handler = withSecretValues(
  outsideStep(async (input: { call: Call; language: Language }) =>
    knowledgeBase().answer(input.call.summary, input.language),
  ),
);
