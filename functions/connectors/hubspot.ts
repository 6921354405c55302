/** CRM connector for HubSpot's public REST API (CRM v3), authenticated with a private-app token. */

import type { Priority } from '../core/call';
import { ServiceUnavailableError, UpstreamRejectedError } from '../core/errors';
import { requestJson } from './http-client';

export const HUBSPOT_SERVICE = 'hubspot';

/** HubSpot's own association types for "task to contact" and "deal to contact". */
const TASK_TO_CONTACT = 204;
const DEAL_TO_CONTACT = 3;

const CONTACT_PROPERTIES = ['email', 'firstname', 'lastname', 'phone', 'company', 'lifecyclestage'];
const HISTORY_PROPERTIES = [
  'lifecyclestage',
  'hs_lead_status',
  'notes_last_contacted',
  'createdate',
];
const INTERACTION_TYPES = ['calls', 'meetings', 'notes', 'tasks', 'emails'] as const;

export type InteractionType = (typeof INTERACTION_TYPES)[number];

export interface HubSpotClientOptions {
  /** e.g. `https://api.hubapi.com`; no default, so nothing is ever called by accident. */
  baseUrl: string;
  token: string;
  timeoutMs: number;
}

export interface CrmContact {
  id: string;
  properties: Record<string, string | null>;
}

export interface ContactHistory {
  contactId: string;
  /** All associated calls, meetings, notes, tasks and e-mails. */
  interactions: number;
  byType: Record<InteractionType, number>;
  lastContactedAt?: string;
  lifecycleStage?: string;
  leadStatus?: string;
  createdAt?: string;
}

export interface NewTask {
  contactId: string;
  subject: string;
  body: string;
  dueAt: Date | string;
  priority: Priority;
  /** Assigned when HubSpot knows a user with this e-mail; otherwise the task stays unassigned. */
  ownerEmail?: string;
}

export interface NewDeal {
  contactId: string;
  name: string;
  /** A stage id of the pipeline, e.g. `appointmentscheduled` in HubSpot's default pipeline. */
  stage: string;
  pipeline?: string;
  amount?: number;
}

interface ObjectBody {
  id: string;
  properties?: Record<string, string | null>;
  associations?: Partial<Record<string, { results?: unknown[] }>>;
}

interface ErrorBody {
  message?: string;
}

export function createHubSpotClient(options: HubSpotClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const headers = { authorization: `Bearer ${options.token}` };

  const call = <T>(method: string, path: string, body?: unknown, acceptStatuses?: number[]) =>
    requestJson<T>(HUBSPOT_SERVICE, {
      url: `${baseUrl}${path}`,
      method,
      headers,
      body,
      timeoutMs: options.timeoutMs,
      ...(acceptStatuses ? { acceptStatuses } : {}),
    });

  return {
    async findContactByEmail(
      email: string,
      properties: string[] = CONTACT_PROPERTIES,
    ): Promise<CrmContact | undefined> {
      const filter = { propertyName: 'email', operator: 'EQ', value: email };
      const { body } = await call<{ results?: ObjectBody[] }>(
        'POST',
        '/crm/v3/objects/contacts/search',
        {
          filterGroups: [{ filters: [filter] }],
          properties,
          limit: 1,
        },
      );
      const found = body?.results?.[0];
      return found ? { id: found.id, properties: found.properties ?? {} } : undefined;
    },

    /**
     * Creates a contact; when HubSpot already has one with this e-mail (a retried create, or a
     * contact the search index did not show yet) it answers that contact's id with `created: false`.
     */
    async createContact(
      properties: Record<string, string>,
    ): Promise<{ id: string; created: boolean }> {
      const { status, body } = await call<ObjectBody & ErrorBody>(
        'POST',
        '/crm/v3/objects/contacts',
        { properties },
        [409],
      );
      if (status !== 409) return { id: idOf(body, status), created: true };

      const existing = /Existing ID:\s*(\d+)/.exec(body?.message ?? '')?.[1];
      if (!existing) throw new UpstreamRejectedError(HUBSPOT_SERVICE, 409, 'CONFLICT');
      return { id: existing, created: false };
    },

    async getContactHistory(contactId: string): Promise<ContactHistory> {
      const query = new URLSearchParams({
        properties: HISTORY_PROPERTIES.join(','),
        associations: INTERACTION_TYPES.join(','),
      });
      const path = `/crm/v3/objects/contacts/${encodeURIComponent(contactId)}?${query}`;
      const { status, body } = await call<ObjectBody>('GET', path);
      const id = idOf(body, status);

      const byType = Object.fromEntries(
        INTERACTION_TYPES.map((type) => [type, body?.associations?.[type]?.results?.length ?? 0]),
      ) as Record<InteractionType, number>;
      const props = body?.properties ?? {};
      return {
        contactId: id,
        interactions: Object.values(byType).reduce((sum, n) => sum + n, 0),
        byType,
        ...defined('lastContactedAt', props.notes_last_contacted),
        ...defined('lifecycleStage', props.lifecyclestage),
        ...defined('leadStatus', props.hs_lead_status),
        ...defined('createdAt', props.createdate),
      };
    },

    async createTask(task: NewTask): Promise<{ id: string; ownerId?: string }> {
      const ownerId = task.ownerEmail ? await findOwnerId(task.ownerEmail) : undefined;
      const dueAt = task.dueAt instanceof Date ? task.dueAt.toISOString() : task.dueAt;
      const { status, body } = await call<ObjectBody>('POST', '/crm/v3/objects/tasks', {
        properties: {
          hs_timestamp: dueAt,
          hs_task_subject: task.subject,
          hs_task_body: task.body,
          hs_task_status: 'NOT_STARTED',
          hs_task_priority: task.priority.toUpperCase(),
          ...(ownerId ? { hubspot_owner_id: ownerId } : {}),
        },
        associations: [
          {
            to: { id: task.contactId },
            types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: TASK_TO_CONTACT }],
          },
        ],
      });
      const id = idOf(body, status);
      return ownerId ? { id, ownerId } : { id };
    },

    async createDeal(deal: NewDeal): Promise<{ id: string }> {
      const { status, body } = await call<ObjectBody>('POST', '/crm/v3/objects/deals', {
        properties: {
          dealname: deal.name,
          dealstage: deal.stage,
          pipeline: deal.pipeline ?? 'default',
          ...(deal.amount === undefined ? {} : { amount: String(deal.amount) }),
        },
        associations: [
          {
            to: { id: deal.contactId },
            types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: DEAL_TO_CONTACT }],
          },
        ],
      });
      return { id: idOf(body, status) };
    },

    /**
     * Deletes a contact for good, as a data-protection erasure asks (HubSpot's GDPR delete,
     * which also removes it from the recycle bin); `false` when there was none.
     */
    async eraseContact(contactId: string): Promise<boolean> {
      const { status } = await call(
        'POST',
        '/crm/v3/objects/contacts/gdpr-delete',
        {
          objectId: contactId,
        },
        [404],
      );
      return status !== 404;
    },

    async updateContact(contactId: string, properties: Record<string, string>): Promise<void> {
      await call('PATCH', `/crm/v3/objects/contacts/${encodeURIComponent(contactId)}`, {
        properties,
      });
    },
  };

  async function findOwnerId(email: string): Promise<string | undefined> {
    const query = new URLSearchParams({ email, limit: '1' });
    const { body } = await call<{ results?: Array<{ id: string }> }>(
      'GET',
      `/crm/v3/owners?${query}`,
    );
    return body?.results?.[0]?.id;
  }
}

export type HubSpotClient = ReturnType<typeof createHubSpotClient>;

/** A success without an object id is not HubSpot talking; treated like a non-JSON answer. */
function idOf(body: ObjectBody | undefined, status: number): string {
  if (typeof body?.id !== 'string') throw new ServiceUnavailableError(HUBSPOT_SERVICE, status);
  return body.id;
}

function defined<K extends string>(key: K, value: string | null | undefined) {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}
