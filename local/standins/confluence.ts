/**
 * Loopback stand-in for Confluence Cloud's content search (`/wiki/rest/api/content/search`) with
 * the CQL the knowledge-base connector writes: a space, and `text ~ "word"` terms joined by OR.
 */
import {
  type StandinReply,
  type StandinRequest,
  type StandinServer,
  startStandinServer,
} from './standin-server';

export interface ConfluenceStandinPage {
  id: string;
  spaceKey: string;
  title: string;
  /** The body in Confluence's view format (HTML). */
  html: string;
  labels?: string[];
}

export interface ConfluenceStandinOptions {
  email: string;
  token: string;
  pages: ConfluenceStandinPage[];
  port?: number;
}

export async function startConfluenceStandin(
  options: ConfluenceStandinOptions,
): Promise<StandinServer> {
  const expected = `Basic ${Buffer.from(`${options.email}:${options.token}`).toString('base64')}`;

  const search = (req: StandinRequest): StandinReply => {
    const cql = req.query.cql ?? '';
    const space = /space\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(cql)?.[1];
    const words = [...cql.matchAll(/text\s*~\s*"((?:[^"\\]|\\.)*)"/g)].map((m) =>
      (m[1] ?? '').replace(/\\(.)/g, '$1').toLowerCase(),
    );
    if (!/type\s*=\s*page/.test(cql) || space === undefined || words.length === 0) {
      return { status: 400, json: { statusCode: 400, message: 'Could not parse cql' } };
    }
    const limit = Number(req.query.limit ?? 25);
    const expand = (req.query.expand ?? '').split(',');
    const found = options.pages
      .filter((page) => page.spaceKey === space)
      .map((page) => {
        const text = `${page.title} ${page.html} ${(page.labels ?? []).join(' ')}`.toLowerCase();
        return { page, hits: words.filter((word) => text.includes(word)).length };
      })
      .filter(({ hits }) => hits > 0)
      .sort((a, b) => b.hits - a.hits)
      .slice(0, limit);
    return {
      status: 200,
      json: {
        results: found.map(({ page }) => ({
          id: page.id,
          type: 'page',
          status: 'current',
          title: page.title,
          ...(expand.includes('body.view')
            ? { body: { view: { value: page.html, representation: 'view' } } }
            : {}),
          ...(expand.includes('metadata.labels')
            ? {
                metadata: {
                  labels: {
                    results: (page.labels ?? []).map((name) => ({ prefix: 'global', name })),
                  },
                },
              }
            : {}),
          _links: { webui: `/spaces/${page.spaceKey}/pages/${page.id}` },
        })),
        start: 0,
        limit,
        size: found.length,
        _links: { base: `${server.url}/wiki` },
      },
    };
  };

  const server = await startStandinServer({
    service: 'confluence',
    ...(options.port === undefined ? {} : { port: options.port }),
    handle: (req) => {
      if (req.headers.authorization !== expected) {
        return { status: 401, json: { statusCode: 401, message: 'Unauthorized' } };
      }
      return req.method === 'GET' && req.path === '/wiki/rest/api/content/search'
        ? search(req)
        : { status: 404, json: { statusCode: 404, message: 'Not found' } };
    },
    faultReply: (status) => ({ status, json: { statusCode: status, message: 'Injected fault' } }),
    state: () => ({ pages: options.pages }),
  });
  return server;
}
