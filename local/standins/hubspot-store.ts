/** The in-memory CRM behind the HubSpot stand-in: contacts, tasks, owners and their associations. */

export const ACTIVITY_TYPES = ['calls', 'meetings', 'notes', 'tasks', 'emails'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export interface CrmObject {
  id: string;
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

export interface SeedContact {
  id?: string;
  properties: Record<string, string>;
  /** How many activities of each kind the contact already has, for history counts. */
  activities?: Partial<Record<ActivityType, number>>;
}

export interface CrmOwner {
  id: string;
  email: string;
  firstName?: string;
  lastName?: string;
}

export interface HubSpotStoreSeed {
  contacts?: SeedContact[];
  owners?: CrmOwner[];
}

/** HubSpot ids are numeric strings; start high enough to look like real ones. */
const FIRST_ID = 1001;

export class HubSpotStore {
  contacts = new Map<string, CrmObject>();
  tasks = new Map<string, CrmObject>();
  /** Deals with the contacts they are associated with. */
  deals = new Map<string, CrmObject & { contactIds: string[] }>();
  owners: CrmOwner[] = [];
  /** Contact id to the ids of its activities, by kind. */
  activities = new Map<string, Record<ActivityType, string[]>>();
  private nextId = FIRST_ID;

  constructor(private readonly seed: HubSpotStoreSeed = {}) {
    this.load();
  }

  /** Back to the seed. */
  reset(): void {
    this.contacts.clear();
    this.tasks.clear();
    this.deals.clear();
    this.activities.clear();
    this.nextId = FIRST_ID;
    this.load();
  }

  contactByEmail(email: string): CrmObject | undefined {
    const wanted = email.trim().toLowerCase();
    return [...this.contacts.values()].find((c) => c.properties.email === wanted);
  }

  addContact(properties: Record<string, string>, id = this.newId()): CrmObject {
    const now = new Date().toISOString();
    const props = { ...properties };
    // HubSpot stores e-mail addresses lower-cased and matches them that way.
    if (props.email) props.email = props.email.trim().toLowerCase();
    const contact: CrmObject = {
      id,
      properties: { ...props, createdate: now, lastmodifieddate: now, hs_object_id: id },
      createdAt: now,
      updatedAt: now,
    };
    this.contacts.set(id, contact);
    // Seeded ids must never be handed out again.
    if (/^\d+$/.test(id)) this.nextId = Math.max(this.nextId, Number(id) + 1);
    this.activities.set(id, { calls: [], meetings: [], notes: [], tasks: [], emails: [] });
    return contact;
  }

  updateContact(id: string, properties: Record<string, string>): CrmObject | undefined {
    const contact = this.contacts.get(id);
    if (!contact) return undefined;
    const now = new Date().toISOString();
    contact.properties = { ...contact.properties, ...properties, lastmodifieddate: now };
    contact.updatedAt = now;
    return contact;
  }

  /** As HubSpot's GDPR delete: the contact and its activities are gone. */
  deleteContact(id: string): boolean {
    this.activities.delete(id);
    return this.contacts.delete(id);
  }

  addTask(properties: Record<string, string>, contactIds: string[]): CrmObject {
    const now = new Date().toISOString();
    const id = this.newId();
    const task = {
      id,
      properties: { ...properties, hs_createdate: now, hs_object_id: id },
      createdAt: now,
      updatedAt: now,
    };
    this.tasks.set(id, task);
    for (const contactId of contactIds) this.activities.get(contactId)?.tasks.push(id);
    return task;
  }

  addDeal(properties: Record<string, string>, contactIds: string[]): CrmObject {
    const now = new Date().toISOString();
    const id = this.newId();
    const deal = {
      id,
      properties: { ...properties, hs_object_id: id },
      createdAt: now,
      updatedAt: now,
    };
    this.deals.set(id, { ...deal, contactIds });
    return deal;
  }

  newId(): string {
    const id = String(this.nextId);
    this.nextId += 1;
    return id;
  }

  private load(): void {
    this.owners = [...(this.seed.owners ?? [])];
    for (const seed of this.seed.contacts ?? []) {
      const contact = this.addContact(seed.properties, seed.id ?? this.newId());
      const lists = this.activities.get(contact.id);
      for (const type of ACTIVITY_TYPES) {
        const count = seed.activities?.[type] ?? 0;
        for (let i = 0; i < count; i += 1) lists?.[type].push(this.newId());
      }
    }
  }
}
