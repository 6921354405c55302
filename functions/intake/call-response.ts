/** The response format of the design: the same shape for every outcome, with a spoken message. */
import type { Language } from '../core/call';
import type { ResponseStatus, WorkflowOutcome } from '../core/outcome';
import { spokenMessage } from './spoken-message';

export interface CallResponse {
  workflow_id: string;
  execution_id: string;
  status: ResponseStatus;
  execution_time_ms: number;
  results: Record<string, unknown>;
  errors: string[];
  warnings: string[];
  /** What the intake made of unclear input: fields ignored, values it could not read. */
  notes: string[];
  message: string;
}

export interface ResponseContext {
  executionId: string;
  workflow: string;
  language: Language;
  timeZone: string;
  /** Milliseconds since the call was received, used while no outcome exists yet. */
  elapsedMs: number;
}

export function callResponse(
  context: ResponseContext,
  outcome?: WorkflowOutcome,
  notes: string[] = [],
): CallResponse {
  const status: ResponseStatus = outcome?.status ?? 'accepted';
  const highlights = outcome?.highlights ?? { failedChannels: [], workingChannels: [] };
  return {
    workflow_id: outcome?.workflowId ?? `wf_${context.workflow}`,
    execution_id: context.executionId,
    status,
    execution_time_ms: outcome?.executionTimeMs ?? context.elapsedMs,
    results: outcome?.results ?? {},
    errors: outcome?.errors ?? [],
    warnings: outcome?.warnings ?? [],
    notes,
    message: spokenMessage(
      {
        status,
        ...highlights,
        hasWarnings: (outcome?.warnings.length ?? 0) > 0,
        timeZone: context.timeZone,
      },
      context.language,
    ),
  };
}

/** Picks the caller's language: the body's `language` field, then Accept-Language, then English. */
export function callerLanguage(
  bodyLanguage: Language | undefined,
  acceptLanguage: string | undefined,
): Language {
  if (bodyLanguage) return bodyLanguage;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((param) => param.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('de')) return 'de';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}
