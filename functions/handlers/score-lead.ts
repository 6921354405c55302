/** Task: the lead score with its reasons and the team it routes to. */
import type { Call } from '../core/call';
import { type CompanyFacts, type ContactFacts, scoreLead } from '../lead/score-lead';

export const handler = async (input: {
  call: Call;
  contact: ContactFacts;
  company: CompanyFacts;
}) => scoreLead(input.call, input.contact, input.company);
