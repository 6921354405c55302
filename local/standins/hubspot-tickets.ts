/**
 * The tickets part of the HubSpot stand-in: create with an association to a contact, read,
 * update, and search by property (EQ) or by text (`query`), as the helpdesk connector uses them.
 */
import type { CrmObject, HubSpotStore } from './hubspot-store';
import { associatedContacts, error, notFound, propertiesOf, view } from './hubspot-wire';
import type { StandinReply, StandinRequest } from './standin-server';

/** HubSpot's association type for "ticket to contact". */
const TICKET_TO_CONTACT = 16;
const TICKET = /^\/crm\/v3\/objects\/tickets\/(\d+)$/;

export type Ticket = CrmObject & { contactIds: string[] };

export class TicketStore {
  tickets = new Map<string, Ticket>();

  /** Ids come from the CRM store, so that tickets and contacts never share one. */
  constructor(private readonly crm: HubSpotStore) {}

  reset(): void {
    this.tickets.clear();
  }

  add(properties: Record<string, string>, contactIds: string[]): Ticket {
    const now = new Date().toISOString();
    const id = this.crm.newId();
    const ticket: Ticket = {
      id,
      properties: { ...properties, createdate: now, hs_lastmodifieddate: now, hs_object_id: id },
      createdAt: now,
      updatedAt: now,
      contactIds,
    };
    this.tickets.set(id, ticket);
    return ticket;
  }

  update(id: string, properties: Record<string, string>): Ticket | undefined {
    const ticket = this.tickets.get(id);
    if (!ticket) return undefined;
    const now = new Date().toISOString();
    ticket.properties = { ...ticket.properties, ...properties, hs_lastmodifieddate: now };
    ticket.updatedAt = now;
    return ticket;
  }
}

export function isTicketRoute(path: string): boolean {
  return path.startsWith('/crm/v3/objects/tickets');
}

export function routeTickets(store: TicketStore, crm: HubSpotStore, req: StandinRequest) {
  const { method, path } = req;
  const body = (req.body ?? {}) as Record<string, unknown>;
  const id = TICKET.exec(path)?.[1];

  if (method === 'POST' && path === '/crm/v3/objects/tickets') return create(store, crm, body);
  if (method === 'POST' && path === '/crm/v3/objects/tickets/search') return search(store, body);
  if (method === 'GET' && id) {
    const ticket = store.tickets.get(id);
    const wanted = (req.query.properties ?? '').split(',').filter(Boolean);
    return ticket ? { status: 200, json: view(ticket, wanted) } : notFound();
  }
  if (method === 'PATCH' && id) {
    const properties = propertiesOf(body);
    if (!properties) return error(400, 'VALIDATION_ERROR', 'properties must be an object.');
    const ticket = store.update(id, properties);
    return ticket ? { status: 200, json: view(ticket) } : notFound();
  }
  return notFound();
}

function create(
  store: TicketStore,
  crm: HubSpotStore,
  body: Record<string, unknown>,
): StandinReply {
  const properties = propertiesOf(body);
  if (!properties?.subject || !properties.hs_pipeline_stage) {
    return error(400, 'VALIDATION_ERROR', 'subject and hs_pipeline_stage are required.');
  }
  const contactIds = associatedContacts(crm, body, TICKET_TO_CONTACT);
  if (!Array.isArray(contactIds)) return contactIds;
  return { status: 201, json: view(store.add(properties, contactIds)) };
}

/** EQ filter groups as for contacts, and `query`: any of its words in subject or content. */
function search(store: TicketStore, body: Record<string, unknown>): StandinReply {
  const groups = (body.filterGroups ?? []) as Array<{ filters?: Array<Record<string, string>> }>;
  if (groups.some((g) => (g.filters ?? []).some((f) => f.operator !== 'EQ'))) {
    return error(400, 'VALIDATION_ERROR', 'The stand-in supports the EQ operator only.');
  }
  const words = String(body.query ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);

  const matches = (ticket: Ticket) => {
    const byFilters =
      groups.length === 0 ||
      groups.some((g) =>
        (g.filters ?? []).every(
          (f) =>
            (ticket.properties[f.propertyName ?? ''] ?? '').toLowerCase() ===
            String(f.value ?? '').toLowerCase(),
        ),
      );
    const text = `${ticket.properties.subject ?? ''} ${ticket.properties.content ?? ''}`;
    const byQuery = words.length === 0 || words.some((word) => text.toLowerCase().includes(word));
    return byFilters && byQuery;
  };
  const limit = typeof body.limit === 'number' ? body.limit : 10;
  const wanted = Array.isArray(body.properties) ? (body.properties as string[]) : [];
  const found = [...store.tickets.values()].filter(matches).reverse();
  return {
    status: 200,
    json: { total: found.length, results: found.slice(0, limit).map((t) => view(t, wanted)) },
  };
}
