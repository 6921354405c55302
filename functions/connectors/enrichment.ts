/** Company enrichment: who is behind a domain, how big, which industry. */

import { requestJson } from './http-client';

export const ENRICHMENT_SERVICE = 'enrichment';

export interface Company {
  name: string;
  domain: string;
  employees?: number;
  industry?: string;
  annualRevenueUsd?: number;
  /** ISO 3166-1 alpha-2 when the provider knows it, else the provider's country name. */
  country?: string;
}

export interface CompanyQuery {
  domain?: string;
  name?: string;
}

/** Any source of company facts; an unknown company is `undefined`, never an error. */
export interface CompanyEnrichmentProvider {
  lookupCompany(query: CompanyQuery): Promise<Company | undefined>;
}

export interface HttpEnrichmentOptions {
  /** e.g. `https://company.clearbit.com`; no default, so nothing is ever called by accident. */
  baseUrl: string;
  token: string;
  timeoutMs: number;
}

/** The parts of a Clearbit-style company record this project reads. */
interface CompanyRecord {
  name?: string | null;
  domain?: string | null;
  category?: { industry?: string | null } | null;
  metrics?: { employees?: number | null; annualRevenue?: number | null } | null;
  geo?: { country?: string | null; countryCode?: string | null } | null;
}

/**
 * Clearbit-style provider: `GET /v2/companies/find?domain=` for a domain; a name alone is first
 * resolved with `GET /v1/domains/find?name=`. 404 means unknown. 202 (the provider queued a fresh
 * lookup) is also answered as unknown: a caller on the phone cannot wait for it.
 */
export function createHttpEnrichmentProvider(
  options: HttpEnrichmentOptions,
): CompanyEnrichmentProvider {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');

  const get = <T>(path: string, query: Record<string, string>) =>
    requestJson<T | undefined>(ENRICHMENT_SERVICE, {
      url: `${baseUrl}${path}?${new URLSearchParams(query)}`,
      method: 'GET',
      headers: { authorization: `Bearer ${options.token}` },
      timeoutMs: options.timeoutMs,
      acceptStatuses: [404],
    });

  const findByDomain = async (domain: string): Promise<Company | undefined> => {
    const { status, body } = await get<CompanyRecord>('/v2/companies/find', { domain });
    if (status !== 200 || !body) return undefined;
    return toCompany(body, domain);
  };

  return {
    async lookupCompany(query) {
      const domain = query.domain?.trim().toLowerCase();
      if (domain) return findByDomain(domain);

      const name = query.name?.trim();
      if (!name) return undefined;
      const { status, body } = await get<{ domain?: string }>('/v1/domains/find', { name });
      if (status !== 200 || !body?.domain) return undefined;
      return findByDomain(body.domain);
    },
  };
}

function toCompany(record: CompanyRecord, askedDomain: string): Company {
  const company: Company = {
    name: record.name ?? askedDomain,
    domain: record.domain ?? askedDomain,
  };
  const employees = record.metrics?.employees;
  const revenue = record.metrics?.annualRevenue;
  const industry = record.category?.industry;
  const country = record.geo?.countryCode ?? record.geo?.country;

  if (typeof employees === 'number') company.employees = employees;
  if (typeof revenue === 'number') company.annualRevenueUsd = revenue;
  if (industry) company.industry = industry;
  if (country) company.country = country;
  return company;
}
