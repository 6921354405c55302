/**
 * Lazily created AWS SDK clients, one per service and process. Created on first use rather than
 * at import so that a cold start pays only for the clients a function really uses; endpoints and
 * credentials come from the standard SDK settings (AWS_ENDPOINT_URL_<SERVICE>, AWS_REGION, ...).
 */
import { builtOnce } from '../core/config';

export function lazyClient<T extends { destroy(): void }>(create: () => T): () => T {
  return builtOnce(create, (client) => client.destroy());
}

/** True when the SDK was pointed at a custom endpoint for `service` (e.g. the local stack). */
export function hasCustomEndpoint(service: string): boolean {
  return Boolean(process.env[`AWS_ENDPOINT_URL_${service}`] ?? process.env.AWS_ENDPOINT_URL);
}
