/**
 * What the local CRM holds at start: the sales teams as owners, and one returning customer, so
 * that a call from that customer shows the known-contact path (and, with a big budget, approval).
 */
import type { HubSpotStoreSeed } from './standins/hubspot-store';

export const RETURNING_CUSTOMER_EMAIL = 'max.weber@acme-industries.example';

export const CRM_SEED: HubSpotStoreSeed = {
  owners: [
    {
      id: '501',
      email: 'enterprise-sales@voice-automation.example',
      firstName: 'Enterprise',
      lastName: 'Sales',
    },
    { id: '502', email: 'sales@voice-automation.example', firstName: 'Sales', lastName: 'Team' },
    {
      id: '503',
      email: 'inside-sales@voice-automation.example',
      firstName: 'Inside',
      lastName: 'Sales',
    },
    {
      id: '504',
      email: 'cro@voice-automation.example',
      firstName: 'Chief',
      lastName: 'Revenue Officer',
    },
    {
      id: '505',
      email: 'support-technical@voice-automation.example',
      firstName: 'Technical',
      lastName: 'Support',
    },
  ],
  contacts: [
    {
      properties: {
        email: RETURNING_CUSTOMER_EMAIL,
        firstname: 'Max',
        lastname: 'Weber',
        company: 'Acme Industries',
        lifecyclestage: 'opportunity',
      },
      activities: { calls: 3, meetings: 2, emails: 4 },
    },
  ],
};
