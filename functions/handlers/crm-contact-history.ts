/** Task: a known contact's history, for scoring by previous interactions. */

import { outsideStep } from '../core/outside-step';
import { withSecretValues } from '../core/secret-values';
import { crm } from '../lead/connections';

export const handler = withSecretValues(
  outsideStep(async (input: { contactId: string }) => {
    const history = await crm().getContactHistory(input.contactId);
    return {
      contactId: input.contactId,
      isNew: false,
      interactions: history.interactions,
      ...(history.lifecycleStage ? { lifecycleStage: history.lifecycleStage } : {}),
      ...(history.lastContactedAt ? { lastContactedAt: history.lastContactedAt } : {}),
    };
  }),
);
