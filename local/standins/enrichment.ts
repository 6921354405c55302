/**
 * Loopback stand-in for a Clearbit-style company API: `GET /v2/companies/find?domain=` and
 * `GET /v1/domains/find?name=`, answering from a small table of fictional companies, 404 otherwise.
 */

import {
  bearerToken,
  type StandinReply,
  type StandinRequest,
  type StandinServer,
  startStandinServer,
} from './standin-server';

export interface FictionalCompany {
  name: string;
  domain: string;
  employees?: number;
  industry?: string;
  annualRevenue?: number;
  countryCode?: string;
}

/** Fictional companies on the reserved `.example` domain, sized for each scoring band. */
export const FICTIONAL_COMPANIES: FictionalCompany[] = [
  {
    name: 'Acme Industries',
    domain: 'acme-industries.example',
    employees: 1200,
    industry: 'Industrial Machinery',
    annualRevenue: 310_000_000,
    countryCode: 'DE',
  },
  {
    name: 'Globex Logistics',
    domain: 'globex-logistics.example',
    employees: 240,
    industry: 'Logistics',
    annualRevenue: 48_000_000,
    countryCode: 'AT',
  },
  {
    name: 'Initrode Software',
    domain: 'initrode.example',
    employees: 35,
    industry: 'Software',
    annualRevenue: 4_500_000,
    countryCode: 'US',
  },
  { name: 'Hooli Health', domain: 'hooli-health.example', employees: 8, countryCode: 'CH' },
];

export interface EnrichmentStandinOptions {
  /** The key the connector must send as `Bearer`. */
  token: string;
  /** Replaces the fictional table. */
  companies?: FictionalCompany[];
  port?: number;
}

export async function startEnrichmentStandin(
  options: EnrichmentStandinOptions,
): Promise<StandinServer> {
  const companies = options.companies ?? FICTIONAL_COMPANIES;

  const find = (req: StandinRequest): StandinReply => {
    if (req.method === 'GET' && req.path === '/v2/companies/find') {
      const domain = (req.query.domain ?? '').toLowerCase();
      const company = companies.find((c) => c.domain === domain);
      return company ? { status: 200, json: companyRecord(company) } : unknown();
    }
    if (req.method === 'GET' && req.path === '/v1/domains/find') {
      const name = (req.query.name ?? '').trim().toLowerCase();
      const company = companies.find((c) => c.name.toLowerCase() === name);
      return company
        ? { status: 200, json: { name: company.name, domain: company.domain, logo: null } }
        : unknown();
    }
    return { status: 404, json: { error: { type: 'not_found', message: 'Unknown route' } } };
  };

  return startStandinServer({
    service: 'enrichment',
    ...(options.port === undefined ? {} : { port: options.port }),
    handle: (req) =>
      bearerToken(req.headers) === options.token
        ? find(req)
        : { status: 401, json: { error: { type: 'auth_required', message: 'API key required' } } },
    faultReply: (status) => ({
      status,
      json: {
        error: { type: status === 429 ? 'rate_limit' : 'server_error', message: 'Injected' },
      },
    }),
    state: () => ({ companies }),
  });
}

/** The subset of Clearbit's company record shape that a client might read. */
function companyRecord(company: FictionalCompany) {
  return {
    id: `fictional-${company.domain}`,
    name: company.name,
    legalName: company.name,
    domain: company.domain,
    category: { industry: company.industry ?? null, sector: null },
    metrics: {
      employees: company.employees ?? null,
      employeesRange: null,
      annualRevenue: company.annualRevenue ?? null,
    },
    geo: { country: null, countryCode: company.countryCode ?? null },
  };
}

function unknown(): StandinReply {
  return { status: 404, json: { error: { type: 'unknown_record', message: 'Unknown company' } } };
}
