/**
 * Loopback stand-in for the parts of HubSpot's CRM v3 API the connector uses: contact search,
 * create (409 on a known e-mail), read with associations, update, GDPR delete; tasks; owners by
 * e-mail.
 */

import {
  ACTIVITY_TYPES,
  type CrmObject,
  HubSpotStore,
  type HubSpotStoreSeed,
} from './hubspot-store';
import { isTicketRoute, routeTickets, TicketStore } from './hubspot-tickets';
import { associatedContacts, error, notFound, propertiesOf, view } from './hubspot-wire';
import {
  bearerToken,
  type StandinReply,
  type StandinRequest,
  type StandinServer,
  startStandinServer,
} from './standin-server';

export interface HubSpotStandinOptions extends HubSpotStoreSeed {
  /** The private-app token the connector must send as `Bearer`. */
  token: string;
  port?: number;
}

export interface HubSpotStandin extends StandinServer {
  store: HubSpotStore;
  tickets: TicketStore;
}

const CONTACT = /^\/crm\/v3\/objects\/contacts\/(\d+)$/;

export async function startHubSpotStandin(options: HubSpotStandinOptions): Promise<HubSpotStandin> {
  const store = new HubSpotStore(options);
  const tickets = new TicketStore(store);

  const server = await startStandinServer({
    service: 'hubspot',
    ...(options.port === undefined ? {} : { port: options.port }),
    handle: (req) =>
      bearerToken(req.headers) === options.token
        ? isTicketRoute(req.path)
          ? routeTickets(tickets, store, req)
          : route(store, req)
        : error(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found.'),
    faultReply: (status) =>
      status === 429
        ? error(429, 'RATE_LIMITS', 'You have reached your secondly limit.')
        : error(status, status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_ERROR', 'Injected fault.'),
    state: () => ({
      contacts: [...store.contacts.values()],
      tasks: [...store.tasks.values()],
      deals: [...store.deals.values()],
      owners: store.owners,
      tickets: [...tickets.tickets.values()],
    }),
    onReset: () => {
      store.reset();
      tickets.reset();
    },
  });
  return Object.assign(server, { store, tickets });
}

function route(store: HubSpotStore, req: StandinRequest): StandinReply {
  const { method, path } = req;
  const body = (req.body ?? {}) as Record<string, unknown>;
  const contactId = CONTACT.exec(path)?.[1];

  if (method === 'POST' && path === '/crm/v3/objects/contacts/search') return search(store, body);
  if (method === 'POST' && path === '/crm/v3/objects/contacts') return createContact(store, body);
  if (method === 'GET' && contactId) return readContact(store, contactId, req.query);
  if (method === 'PATCH' && contactId) {
    const updated = store.updateContact(contactId, propertiesOf(body) ?? {});
    return updated ? { status: 200, json: view(updated) } : notFound();
  }
  if (method === 'POST' && path === '/crm/v3/objects/contacts/gdpr-delete') {
    const id = typeof body.objectId === 'string' ? body.objectId : '';
    return store.deleteContact(id) ? { status: 204 } : notFound();
  }
  if (method === 'POST' && path === '/crm/v3/objects/tasks') return createTask(store, body);
  if (method === 'POST' && path === '/crm/v3/objects/deals') return createDeal(store, body);
  if (method === 'GET' && /^\/crm\/v3\/owners\/?$/.test(path)) {
    const email = req.query.email?.toLowerCase();
    const results = store.owners.filter((o) => !email || o.email.toLowerCase() === email);
    return { status: 200, json: { results } };
  }
  return notFound();
}

/** Only what the connector sends: filter groups (OR) of EQ filters (AND). */
function search(store: HubSpotStore, body: Record<string, unknown>): StandinReply {
  const groups = (body.filterGroups ?? []) as Array<{ filters?: Array<Record<string, string>> }>;
  const filters = groups.flatMap((g) => g.filters ?? []);
  if (filters.some((f) => f.operator !== 'EQ')) {
    return error(400, 'VALIDATION_ERROR', 'The stand-in supports the EQ operator only.');
  }

  const matches = (contact: CrmObject) =>
    groups.length === 0 ||
    groups.some((g) =>
      (g.filters ?? []).every((f) => {
        const value = contact.properties[f.propertyName ?? ''] ?? '';
        return value.toLowerCase() === String(f.value ?? '').toLowerCase();
      }),
    );
  const limit = typeof body.limit === 'number' ? body.limit : 10;
  const wanted = Array.isArray(body.properties) ? (body.properties as string[]) : [];
  const found = [...store.contacts.values()].filter(matches);
  return {
    status: 200,
    json: { total: found.length, results: found.slice(0, limit).map((c) => view(c, wanted)) },
  };
}

function createContact(store: HubSpotStore, body: Record<string, unknown>): StandinReply {
  const properties = propertiesOf(body);
  if (!properties) return error(400, 'VALIDATION_ERROR', 'properties must be an object.');

  const existing = properties.email ? store.contactByEmail(properties.email) : undefined;
  if (existing) {
    return error(409, 'CONFLICT', `Contact already exists. Existing ID: ${existing.id}`);
  }
  return { status: 201, json: view(store.addContact(properties)) };
}

function readContact(store: HubSpotStore, id: string, query: Record<string, string>): StandinReply {
  const contact = store.contacts.get(id);
  if (!contact) return notFound();

  const wanted = (query.properties ?? '').split(',').filter(Boolean);
  const asked = (query.associations ?? '').split(',').filter(Boolean);
  const lists = store.activities.get(id);
  const associations: Record<string, unknown> = {};
  for (const type of ACTIVITY_TYPES) {
    const ids = lists?.[type] ?? [];
    if (!asked.includes(type) || ids.length === 0) continue;
    const label = `contact_to_${type.replace(/s$/, '')}`;
    associations[type] = { results: ids.map((assocId) => ({ id: assocId, type: label })) };
  }
  const json = Object.keys(associations).length
    ? { ...view(contact, wanted), associations }
    : view(contact, wanted);
  return { status: 200, json };
}

function createTask(store: HubSpotStore, body: Record<string, unknown>): StandinReply {
  const properties = propertiesOf(body);
  if (!properties?.hs_timestamp) return error(400, 'VALIDATION_ERROR', 'hs_timestamp is required.');
  const contactIds = associatedContacts(store, body, 204);
  if (!Array.isArray(contactIds)) return contactIds;
  return { status: 201, json: view(store.addTask(properties, contactIds)) };
}

function createDeal(store: HubSpotStore, body: Record<string, unknown>): StandinReply {
  const properties = propertiesOf(body);
  if (!properties?.dealname) return error(400, 'VALIDATION_ERROR', 'dealname is required.');
  const contactIds = associatedContacts(store, body, 3);
  if (!Array.isArray(contactIds)) return contactIds;
  return { status: 201, json: view(store.addDeal(properties, contactIds)) };
}
