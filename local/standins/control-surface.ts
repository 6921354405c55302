/**
 * The stand-ins' HTTP control surface, for a person poking the running local stack with curl:
 *
 *   GET    /__standin/requests[?method=&path=]   recorded requests
 *   GET    /__standin/faults                     pending faults and the random mode
 *   POST   /__standin/faults                     {"kind":"status","status":503,"times":2}
 *   POST   /__standin/faults/random              {"seed":7,"rate":0.2,"kinds":[{"kind":"drop"}]}
 *   DELETE /__standin/faults                     clear all faults
 *   POST   /__standin/reset                      forget requests, faults and the stand-in's data
 *   GET    /__standin/state                      the stand-in's data (contacts, messages, …)
 */

import type { FaultPlan, FaultSpec, RandomFaultSpec } from './faults';
import type { RequestFilter, StandinReply, StandinRequest, StandinServer } from './standin-server';

type Controlled = Pick<
  StandinServer,
  'service' | 'requests' | 'reset' | 'injectFault' | 'injectRandomFaults' | 'clearFaults'
>;

interface ControlContext {
  faults: FaultPlan;
  state: (() => unknown) | undefined;
}

export function handleControl(
  standin: Controlled,
  req: StandinRequest,
  context: ControlContext,
): StandinReply {
  const route = `${req.method} ${req.path.replace(/\/+$/, '')}`;
  try {
    switch (route) {
      case 'GET /__standin/requests':
        return ok({ requests: standin.requests(filterOf(req.query)) });
      case 'GET /__standin/faults':
        return ok(context.faults.describe());
      case 'POST /__standin/faults':
        standin.injectFault(jsonOf(req) as FaultSpec);
        return ok(context.faults.describe(), 201);
      case 'POST /__standin/faults/random':
        standin.injectRandomFaults(jsonOf(req) as RandomFaultSpec);
        return ok(context.faults.describe(), 201);
      case 'DELETE /__standin/faults':
        standin.clearFaults();
        return { status: 204 };
      case 'POST /__standin/reset':
        standin.reset();
        return { status: 204 };
      case 'GET /__standin/state':
        return ok({ service: standin.service, state: context.state?.() ?? null });
      default:
        return { status: 404, json: { error: 'unknown control route', route } };
    }
  } catch (error) {
    return { status: 400, json: { error: error instanceof Error ? error.message : String(error) } };
  }
}

/** JSON whatever the content type: plain `curl -d '{…}'` sends it as a form. */
function jsonOf(req: StandinRequest): unknown {
  try {
    return JSON.parse(req.rawBody);
  } catch {
    throw new Error('the body must be JSON');
  }
}

function filterOf(query: Record<string, string>): RequestFilter | undefined {
  const { method, path } = query;
  if (!method && !path) return undefined;
  return { ...(method ? { method } : {}), ...(path ? { path } : {}) };
}

function ok(json: unknown, status = 200): StandinReply {
  return { status, json };
}
