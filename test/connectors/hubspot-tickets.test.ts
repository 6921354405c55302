import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHubSpotTicketsClient } from '../../functions/connectors/hubspot-tickets';
import { RateLimitedError, UpstreamRejectedError } from '../../functions/core/errors';
import { type HubSpotStandin, startHubSpotStandin } from '../../local/standins/hubspot';
import { FAULT_CASES, failureOf, SHORT_TIMEOUT_MS } from './fault-cases';

const TOKEN = 'pat-local-test';

describe('HubSpot tickets connector against the HubSpot stand-in', () => {
  let hubspot: HubSpotStandin;
  let client: ReturnType<typeof createHubSpotTicketsClient>;
  const newTicket = {
    contactId: '501',
    callId: 'exec_0001',
    subject: 'Calls fail with SIP 503',
    content: 'Every outbound call fails since this morning.',
    priority: 'critical' as const,
  };

  beforeAll(async () => {
    hubspot = await startHubSpotStandin({
      token: TOKEN,
      contacts: [{ id: '501', properties: { email: 'maria.keller@acme-industries.example' } }],
      owners: [{ id: '77', email: 'support@our-company.example' }],
    });
    client = createHubSpotTicketsClient({ baseUrl: hubspot.url, token: TOKEN, timeoutMs: 2000 });
  });
  beforeEach(() => hubspot.reset());
  afterAll(() => hubspot.close());

  it('creates a ticket in the new stage, linked to the contact, with the Bearer token', async () => {
    // Act
    const ticket = await client.createTicket(newTicket);

    // Assess
    expect(ticket).toEqual({ id: expect.stringMatching(/^\d+$/), created: true });
    const create = hubspot.requests({ method: 'POST', path: '/crm/v3/objects/tickets' })[0];
    expect(create).toMatchObject({
      headers: { authorization: 'Bearer [redacted]' },
      body: {
        properties: {
          subject: 'Calls fail with SIP 503',
          hs_pipeline: '0',
          hs_pipeline_stage: '1',
          hs_ticket_priority: 'URGENT',
          voice_call_id: 'exec_0001',
        },
        associations: [
          {
            to: { id: '501' },
            types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 16 }],
          },
        ],
      },
    });
    expect(hubspot.tickets.tickets.get(ticket.id)?.contactIds).toEqual(['501']);
  });

  it('answers the existing ticket when the same call creates again', async () => {
    // Prepare
    const first = await client.createTicket(newTicket);

    // Act
    const again = await client.createTicket(newTicket);

    // Assess
    expect(again).toEqual({ id: first.id, created: false });
    expect(hubspot.tickets.tickets.size).toBe(1);
  });

  it('updates a ticket and reads its stage back', async () => {
    // Prepare
    const { id } = await client.createTicket(newTicket);

    // Act
    await client.updateTicket(id, { hs_pipeline_stage: '3', support_team: 'technical' });
    const ticket = await client.getTicket(id);

    // Assess
    expect(ticket).toEqual({
      id,
      subject: 'Calls fail with SIP 503',
      stage: 'waiting_on_us',
      priority: 'URGENT',
    });
    expect(hubspot.requests({ method: 'PATCH' })[0]?.path).toBe(`/crm/v3/objects/tickets/${id}`);
  });

  it('finds earlier tickets by text, leaving out the one asking', async () => {
    // Prepare
    const older = await client.createTicket({ ...newTicket, callId: 'exec_0000' });
    const current = await client.createTicket(newTicket);

    // Act
    const similar = await client.searchTickets('sip outbound', current.id);

    // Assess
    expect(similar.map((ticket) => ticket.id)).toEqual([older.id]);
    expect(hubspot.requests({ path: '/crm/v3/objects/tickets/search' }).at(-1)?.body).toMatchObject(
      { query: 'sip outbound' },
    );
  });

  it('finds a helpdesk owner by e-mail', async () => {
    expect(await client.findOwnerId('support@our-company.example')).toBe('77');
    expect(await client.findOwnerId('nobody@our-company.example')).toBeUndefined();
  });

  it('rejects a ticket for an unknown contact with UpstreamRejectedError 400', async () => {
    const error = await failureOf(() => client.createTicket({ ...newTicket, contactId: '999' }));

    expect(error).toBeInstanceOf(UpstreamRejectedError);
    expect(error).toMatchObject({ status: 400 });
  });

  it('rejects an unknown ticket with UpstreamRejectedError 404', async () => {
    const error = await failureOf(() => client.getTicket('424242'));

    expect(error).toMatchObject({
      status: 404,
      message: expect.stringContaining('OBJECT_NOT_FOUND'),
    });
  });

  it.each(FAULT_CASES)('maps a fault: $title', async ({ fault, error: expected, short }) => {
    // Prepare
    hubspot.injectFault({ ...fault, path: '/crm/v3/objects/tickets' });
    const timeoutMs = short ? SHORT_TIMEOUT_MS : 2000;
    const faulty = createHubSpotTicketsClient({ baseUrl: hubspot.url, token: TOKEN, timeoutMs });

    // Act
    const error = await failureOf(() => faulty.createTicket(newTicket));

    // Assess
    expect(error).toBeInstanceOf(expected);
    if (error instanceof RateLimitedError) expect(error.retryAfterSeconds).toBe(7);
    expect(hubspot.requests({ path: '/crm/v3/objects/tickets' })[0]?.fault).toBe(fault.kind);
  });
});
