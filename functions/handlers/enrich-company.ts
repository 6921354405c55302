/** Task: company facts for scoring, from the business e-mail's domain or the company name. */

import { companyDomainFromEmail } from '../connectors/company-domain';
import type { Call } from '../core/call';
import { outsideStep } from '../core/outside-step';
import { withSecretValues } from '../core/secret-values';
import { enrichment } from '../lead/connections';

export const handler = withSecretValues(
  outsideStep(async (input: { call: Call }) => {
    const domain = companyDomainFromEmail(input.call.contact.email);
    const name = input.call.contact.company;
    if (!domain && !name) return { found: false };
    const company = await enrichment().lookupCompany({
      ...(domain ? { domain } : {}),
      ...(name ? { name } : {}),
    });
    return company ? { found: true, ...company } : { found: false };
  }),
);
