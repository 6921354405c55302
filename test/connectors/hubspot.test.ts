import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHubSpotClient } from '../../functions/connectors/hubspot';
import { RateLimitedError, UpstreamRejectedError } from '../../functions/core/errors';
import { type HubSpotStandin, startHubSpotStandin } from '../../local/standins/hubspot';
import { FAULT_CASES, failureOf, SHORT_TIMEOUT_MS } from './fault-cases';

const TOKEN = 'pat-local-test';

describe('HubSpot connector against the HubSpot stand-in', () => {
  let hubspot: HubSpotStandin;
  let client: ReturnType<typeof createHubSpotClient>;

  beforeAll(async () => {
    hubspot = await startHubSpotStandin({
      token: TOKEN,
      contacts: [
        {
          id: '501',
          properties: {
            email: 'maria.keller@acme-industries.example',
            firstname: 'Maria',
            lifecyclestage: 'lead',
          },
          activities: { calls: 2, emails: 3, notes: 1 },
        },
      ],
      owners: [{ id: '77', email: 'rep@our-company.example', firstName: 'Rita' }],
    });
    client = createHubSpotClient({ baseUrl: hubspot.url, token: TOKEN, timeoutMs: 2000 });
  });

  beforeEach(() => hubspot.reset());
  afterAll(() => hubspot.close());

  it('finds a contact by e-mail with an EQ search, sending the Bearer token', async () => {
    const contact = await client.findContactByEmail('Maria.Keller@acme-industries.example');

    expect(contact).toMatchObject({ id: '501', properties: { firstname: 'Maria' } });
    const [request] = hubspot.requests();
    expect(request).toMatchObject({
      method: 'POST',
      path: '/crm/v3/objects/contacts/search',
      headers: { authorization: 'Bearer [redacted]' },
      body: {
        filterGroups: [
          {
            filters: [
              {
                propertyName: 'email',
                operator: 'EQ',
                value: 'Maria.Keller@acme-industries.example',
              },
            ],
          },
        ],
        limit: 1,
      },
    });
  });

  it('answers undefined for an e-mail the CRM does not know', async () => {
    expect(await client.findContactByEmail('nobody@unknown.example')).toBeUndefined();
  });

  it('creates a contact and answers its numeric id', async () => {
    const result = await client.createContact({ email: 'new@initrode.example', firstname: 'Nils' });

    expect(result).toEqual({ id: expect.stringMatching(/^\d+$/), created: true });
    expect(hubspot.requests()[0]).toMatchObject({
      method: 'POST',
      path: '/crm/v3/objects/contacts',
      body: { properties: { email: 'new@initrode.example', firstname: 'Nils' } },
    });
  });

  it('makes a retried create idempotent by answering the existing id from the 409', async () => {
    const first = await client.createContact({ email: 'twice@initrode.example' });

    const second = await client.createContact({ email: 'twice@initrode.example' });

    expect(second).toEqual({ id: first.id, created: false });
    expect(hubspot.store.contacts.size).toBe(2);
  });

  it('counts associated activities for the contact history', async () => {
    const history = await client.getContactHistory('501');

    expect(history).toMatchObject({
      contactId: '501',
      interactions: 6,
      byType: { calls: 2, meetings: 0, notes: 1, tasks: 0, emails: 3 },
      lifecycleStage: 'lead',
    });
    const [request] = hubspot.requests();
    expect(request).toMatchObject({ method: 'GET', path: '/crm/v3/objects/contacts/501' });
    expect(request?.query.associations).toBe('calls,meetings,notes,tasks,emails');
  });

  it('creates a task associated to the contact and assigned to the owner found by e-mail', async () => {
    const task = await client.createTask({
      contactId: '501',
      subject: 'Call back about the demo',
      body: 'Asked for pricing of 50 seats.',
      dueAt: new Date('2030-05-06T09:00:00Z'),
      priority: 'high',
      ownerEmail: 'rep@our-company.example',
    });

    expect(task).toEqual({ id: expect.stringMatching(/^\d+$/), ownerId: '77' });
    expect(hubspot.requests({ path: '/crm/v3/objects/tasks' })[0]?.body).toEqual({
      properties: {
        hs_timestamp: '2030-05-06T09:00:00.000Z',
        hs_task_subject: 'Call back about the demo',
        hs_task_body: 'Asked for pricing of 50 seats.',
        hs_task_status: 'NOT_STARTED',
        hs_task_priority: 'HIGH',
        hubspot_owner_id: '77',
      },
      associations: [
        {
          to: { id: '501' },
          types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 204 }],
        },
      ],
    });
    expect((await client.getContactHistory('501')).byType.tasks).toBe(1);
  });

  it('leaves a task unassigned when no owner has the e-mail', async () => {
    const task = await client.createTask({
      contactId: '501',
      subject: 'Follow up',
      body: '',
      dueAt: '2030-05-06T09:00:00Z',
      priority: 'low',
      ownerEmail: 'someone-else@our-company.example',
    });

    expect(task.ownerId).toBeUndefined();
  });

  it('updates contact properties with PATCH', async () => {
    await client.updateContact('501', { hs_lead_status: 'IN_PROGRESS' });

    expect(hubspot.requests()[0]).toMatchObject({
      method: 'PATCH',
      path: '/crm/v3/objects/contacts/501',
      body: { properties: { hs_lead_status: 'IN_PROGRESS' } },
    });
    expect(hubspot.store.contacts.get('501')?.properties.hs_lead_status).toBe('IN_PROGRESS');
  });

  it('rejects an unknown contact with UpstreamRejectedError 404', async () => {
    const error = await failureOf(() => client.getContactHistory('999999'));

    expect(error).toBeInstanceOf(UpstreamRejectedError);
    expect(error).toMatchObject({
      status: 404,
      message: expect.stringContaining('OBJECT_NOT_FOUND'),
    });
  });

  it('rejects a wrong token with UpstreamRejectedError 401', async () => {
    const intruder = createHubSpotClient({ baseUrl: hubspot.url, token: 'wrong', timeoutMs: 2000 });

    const error = await failureOf(() =>
      intruder.findContactByEmail('maria.keller@acme-industries.example'),
    );

    expect(error).toBeInstanceOf(UpstreamRejectedError);
    expect(error).toMatchObject({ status: 401 });
  });

  it.each(FAULT_CASES)('maps a fault: $title', async ({ fault, error: expected, short }) => {
    hubspot.injectFault({ ...fault, path: '/crm/v3/objects/contacts' });
    const timeoutMs = short ? SHORT_TIMEOUT_MS : 2000;
    const faulty = createHubSpotClient({ baseUrl: hubspot.url, token: TOKEN, timeoutMs });

    const error = await failureOf(() => faulty.createContact({ email: 'fault@initrode.example' }));

    expect(error).toBeInstanceOf(expected);
    if (error instanceof RateLimitedError) expect(error.retryAfterSeconds).toBe(7);
    expect(hubspot.requests()[0]?.fault).toBe(fault.kind);
  });
});
