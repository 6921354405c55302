/** Request bodies for the intake tests: the fixture with changes, and parseCall's two outcomes. */

import type { Call } from '../../functions/core/call';
import type { FieldError } from '../../functions/core/errors';
import { parseCall } from '../../functions/intake/parse-call';
import fixture from '../fixtures/call-body.json';

const OPTIONS = { flowId: 'lead-qualification', defaultRegion: 'DE' } as const;

/** The fixture with the given dotted fields replaced; `undefined` removes a field. */
export function bodyWith(changes: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = structuredClone(fixture);
  for (const [path, value] of Object.entries(changes)) {
    const [section, field] = path.split('.') as [string, string | undefined];
    const target = field === undefined ? body : (body[section] as Record<string, unknown>);
    const key = field ?? section;
    if (value === undefined) delete target[key];
    else target[key] = value;
  }
  return body;
}

export function accepted(body: unknown): Call {
  const result = parseCall(body, OPTIONS);
  if (!result.ok) throw new Error(`expected the body to pass: ${JSON.stringify(result.errors)}`);
  return result.call;
}

export function rejected(body: unknown): FieldError[] {
  const result = parseCall(body, OPTIONS);
  if (result.ok) throw new Error('expected the body to be refused');
  return result.errors;
}
