/**
 * Helpdesk connector for HubSpot's tickets (CRM v3): create a ticket linked to a contact, update
 * it, read its stage, and search tickets by text. Same private-app token as the CRM connector.
 */
import { ServiceUnavailableError } from '../core/errors';
import { requestJson } from './http-client';
import type { HubSpotClientOptions } from './hubspot';
import { HUBSPOT_SERVICE } from './hubspot';

/** HubSpot's own association type for "ticket to contact". */
const TICKET_TO_CONTACT = 16;

/** HubSpot's default support pipeline and its stage ids. */
export const SUPPORT_PIPELINE = '0';
export const TICKET_STAGES = {
  new: '1',
  waiting_on_contact: '2',
  waiting_on_us: '3',
  closed: '4',
} as const;
export type TicketStage = keyof typeof TICKET_STAGES;

/** The custom ticket property holding the call's execution id, so that a replay finds its ticket. */
export const CALL_ID_PROPERTY = 'voice_call_id';

const PRIORITIES = { low: 'LOW', medium: 'MEDIUM', high: 'HIGH', critical: 'URGENT' } as const;
export type TicketPriority = keyof typeof PRIORITIES;

const TICKET_PROPERTIES = ['subject', 'hs_pipeline_stage', 'hs_ticket_priority', CALL_ID_PROPERTY];

export interface NewTicket {
  contactId: string;
  /** The call's execution id: one ticket per call, however often the step runs. */
  callId: string;
  subject: string;
  content: string;
  priority: TicketPriority;
  /** Further properties, e.g. `hs_ticket_category`. */
  properties?: Record<string, string>;
}

export interface TicketSummary {
  id: string;
  subject: string;
  stage: TicketStage | 'unknown';
  priority?: string;
}

interface ObjectBody {
  id: string;
  properties?: Record<string, string | null>;
}

export function createHubSpotTicketsClient(options: HubSpotClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const call = <T>(method: string, path: string, body?: unknown) =>
    requestJson<T>(HUBSPOT_SERVICE, {
      url: `${baseUrl}${path}`,
      method,
      headers: { authorization: `Bearer ${options.token}` },
      body,
      timeoutMs: options.timeoutMs,
    });

  const search = async (body: Record<string, unknown>): Promise<TicketSummary[]> => {
    const { body: found } = await call<{ results?: ObjectBody[] }>(
      'POST',
      '/crm/v3/objects/tickets/search',
      { properties: TICKET_PROPERTIES, ...body },
    );
    return (found?.results ?? []).map(summaryOf);
  };

  return {
    /** The ticket a call already created, if a run of the step got that far before. */
    async findTicketOfCall(callId: string): Promise<TicketSummary | undefined> {
      const filter = { propertyName: CALL_ID_PROPERTY, operator: 'EQ', value: callId };
      const [found] = await search({ filterGroups: [{ filters: [filter] }], limit: 1 });
      return found;
    },

    /** Creates the call's ticket in the new stage, or answers the one it already has. */
    async createTicket(ticket: NewTicket): Promise<{ id: string; created: boolean }> {
      const existing = await this.findTicketOfCall(ticket.callId);
      if (existing) return { id: existing.id, created: false };

      const { status, body } = await call<ObjectBody>('POST', '/crm/v3/objects/tickets', {
        properties: {
          subject: ticket.subject,
          content: ticket.content,
          hs_pipeline: SUPPORT_PIPELINE,
          hs_pipeline_stage: TICKET_STAGES.new,
          hs_ticket_priority: PRIORITIES[ticket.priority],
          source_type: 'PHONE',
          [CALL_ID_PROPERTY]: ticket.callId,
          ...ticket.properties,
        },
        associations: [
          {
            to: { id: ticket.contactId },
            types: [
              { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: TICKET_TO_CONTACT },
            ],
          },
        ],
      });
      return { id: idOf(body, status), created: true };
    },

    async updateTicket(ticketId: string, properties: Record<string, string>): Promise<void> {
      await call('PATCH', `/crm/v3/objects/tickets/${encodeURIComponent(ticketId)}`, {
        properties,
      });
    },

    async getTicket(ticketId: string): Promise<TicketSummary> {
      const query = new URLSearchParams({ properties: TICKET_PROPERTIES.join(',') });
      const { status, body } = await call<ObjectBody>(
        'GET',
        `/crm/v3/objects/tickets/${encodeURIComponent(ticketId)}?${query}`,
      );
      idOf(body, status);
      return summaryOf(body);
    },

    /** Tickets whose text matches `words`, most recent first, without `excludeId`. */
    async searchTickets(words: string, excludeId?: string, limit = 3): Promise<TicketSummary[]> {
      const found = await search({
        query: words,
        sorts: [{ propertyName: 'createdate', direction: 'DESCENDING' }],
        limit: limit + 1,
      });
      return found.filter((ticket) => ticket.id !== excludeId).slice(0, limit);
    },

    /** The HubSpot user with this e-mail, to own a ticket; `undefined` when there is none. */
    async findOwnerId(email: string): Promise<string | undefined> {
      const query = new URLSearchParams({ email, limit: '1' });
      const { body } = await call<{ results?: Array<{ id: string }> }>(
        'GET',
        `/crm/v3/owners?${query}`,
      );
      return body?.results?.[0]?.id;
    },
  };
}

export type HubSpotTicketsClient = ReturnType<typeof createHubSpotTicketsClient>;

function summaryOf(object: ObjectBody): TicketSummary {
  const props = object.properties ?? {};
  const stage = Object.entries(TICKET_STAGES).find(([, id]) => id === props.hs_pipeline_stage);
  return {
    id: object.id,
    subject: props.subject ?? '',
    stage: (stage?.[0] as TicketStage | undefined) ?? 'unknown',
    ...(props.hs_ticket_priority ? { priority: props.hs_ticket_priority } : {}),
  };
}

/** A success without an object id is not HubSpot talking; treated like a non-JSON answer. */
function idOf(body: ObjectBody | undefined, status: number): string {
  if (typeof body?.id !== 'string') throw new ServiceUnavailableError(HUBSPOT_SERVICE, status);
  return body.id;
}
