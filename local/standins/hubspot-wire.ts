/** HubSpot's JSON shapes, as both HubSpot stand-ins (contacts, tasks, deals; tickets) answer them. */
import { randomUUID } from 'node:crypto';
import type { CrmObject, HubSpotStore } from './hubspot-store';
import type { StandinReply } from './standin-server';

/** An object as HubSpot returns it; asked-for properties that are unset come back as null. */
export function view(object: CrmObject, wanted: string[] = []) {
  const properties: Record<string, string | null> = { ...object.properties };
  for (const name of wanted) properties[name] ??= null;
  return {
    id: object.id,
    properties,
    createdAt: object.createdAt,
    updatedAt: object.updatedAt,
    archived: false,
  };
}

export function propertiesOf(body: Record<string, unknown>): Record<string, string> | undefined {
  const { properties } = body;
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
    return undefined;
  }
  return Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, String(v ?? '')]));
}

export function notFound(): StandinReply {
  return error(404, 'OBJECT_NOT_FOUND', 'resource not found');
}

export function error(status: number, category: string, message: string): StandinReply {
  return {
    status,
    json: { status: 'error', message, correlationId: randomUUID(), category },
  };
}

/** The contacts a create request associates its object with, by HubSpot's own type id. */
export function associatedContacts(
  store: HubSpotStore,
  body: Record<string, unknown>,
  typeId: number,
): string[] | StandinReply {
  const associations = (body.associations ?? []) as Array<{
    to?: { id?: string };
    types?: Array<{ associationCategory?: string; associationTypeId?: number }>;
  }>;
  const contactIds: string[] = [];
  for (const association of associations) {
    const id = String(association.to?.id ?? '');
    const toContact = association.types?.some(
      (t) => t.associationCategory === 'HUBSPOT_DEFINED' && t.associationTypeId === typeId,
    );
    if (!toContact || !store.contacts.has(id)) {
      return error(400, 'VALIDATION_ERROR', 'Association target or type is not valid.');
    }
    contactIds.push(id);
  }
  return contactIds;
}
