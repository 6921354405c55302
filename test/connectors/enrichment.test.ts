import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { companyDomainFromEmail } from '../../functions/connectors/company-domain';
import { createHttpEnrichmentProvider } from '../../functions/connectors/enrichment';
import { RateLimitedError, UpstreamRejectedError } from '../../functions/core/errors';
import { startEnrichmentStandin } from '../../local/standins/enrichment';
import type { StandinServer } from '../../local/standins/standin-server';
import { FAULT_CASES, failureOf, SHORT_TIMEOUT_MS } from './fault-cases';

const TOKEN = 'sk_local_test';

describe('HTTP enrichment provider against the enrichment stand-in', () => {
  let enrichment: StandinServer;

  beforeAll(async () => {
    enrichment = await startEnrichmentStandin({ token: TOKEN });
  });

  beforeEach(() => enrichment.reset());
  afterAll(() => enrichment.close());

  const provider = (timeoutMs = 2000, token = TOKEN) =>
    createHttpEnrichmentProvider({ baseUrl: enrichment.url, token, timeoutMs });

  it('looks a company up by domain', async () => {
    const company = await provider().lookupCompany({ domain: 'ACME-Industries.example' });

    expect(company).toEqual({
      name: 'Acme Industries',
      domain: 'acme-industries.example',
      employees: 1200,
      industry: 'Industrial Machinery',
      annualRevenueUsd: 310_000_000,
      country: 'DE',
    });
    expect(enrichment.requests()[0]).toMatchObject({
      method: 'GET',
      path: '/v2/companies/find',
      query: { domain: 'acme-industries.example' },
      headers: { authorization: 'Bearer [redacted]' },
    });
  });

  it('answers undefined for an unknown domain (404 is not an error)', async () => {
    expect(await provider().lookupCompany({ domain: 'unknown-company.example' })).toBeUndefined();
  });

  it('resolves a name to a domain first when no domain is given', async () => {
    const company = await provider().lookupCompany({ name: 'Globex Logistics' });

    expect(company).toMatchObject({ domain: 'globex-logistics.example', employees: 240 });
    expect(enrichment.requests().map((r) => r.path)).toEqual([
      '/v1/domains/find',
      '/v2/companies/find',
    ]);
  });

  it('asks nothing when neither domain nor name is given', async () => {
    expect(await provider().lookupCompany({})).toBeUndefined();
    expect(enrichment.requests()).toEqual([]);
  });

  it('rejects a wrong key with UpstreamRejectedError 401', async () => {
    const error = await failureOf(() =>
      provider(2000, 'sk_wrong').lookupCompany({ domain: 'initrode.example' }),
    );

    expect(error).toBeInstanceOf(UpstreamRejectedError);
    expect(error).toMatchObject({ status: 401, message: expect.stringContaining('auth_required') });
  });

  it.each(FAULT_CASES)('maps a fault: $title', async ({ fault, error: expected, short }) => {
    enrichment.injectFault(fault);

    const error = await failureOf(() =>
      provider(short ? SHORT_TIMEOUT_MS : 2000).lookupCompany({ domain: 'initrode.example' }),
    );

    expect(error).toBeInstanceOf(expected);
    if (error instanceof RateLimitedError) expect(error.retryAfterSeconds).toBe(7);
  });
});

describe('companyDomainFromEmail', () => {
  it.each([
    ['maria.keller@acme-industries.example', 'acme-industries.example'],
    ['Jonas@Sales.Initrode.Example', 'sales.initrode.example'],
    ['someone@live-events.example', 'live-events.example'],
  ])('answers the company domain of %s', (email, domain) => {
    expect(companyDomainFromEmail(email)).toBe(domain);
  });

  it.each([
    'a@gmail.com',
    'a@gmx.de',
    'a@web.de',
    'a@outlook.com',
    'a@t-online.de',
    'a@icloud.com',
    'a@yahoo.com',
    'a@yahoo.de',
    'a@yahoo.co.uk',
    'a@hotmail.fr',
    'not-an-email',
    'a@localhost',
  ])('answers undefined for free-mail or malformed %s', (email) => {
    expect(companyDomainFromEmail(email)).toBeUndefined();
  });
});
