/**
 * Each step of an execution as a person checks it: how it ended, its retries and errors, and its
 * input and output with personal data redacted. Anchored by state name, for the graph's links.
 */
import { redactText } from '../../functions/core/redaction';
import { formatDuration, formatTime } from './execution-summary';
import type { ExecutionTrace, StepTrace, StepVisit } from './execution-trace';
import { type Html, html } from './html';
import { redactedJson } from './redacted-json';
import { statusBadge } from './status-badge';

export function stepDetails(trace: ExecutionTrace): Html {
  if (trace.steps.length === 0) return html`<p class="empty">No step has run yet.</p>`;
  return html`<ol class="steps">${trace.steps.map(step)}</ol>`;
}

function step(trace: StepTrace): Html {
  const retries = trace.visits.reduce((sum, visit) => sum + visit.retries, 0);
  const several = trace.visits.length > 1;
  return html`<li class="step" id="step-${trace.name}" data-state="${trace.name}">
<h3>${trace.name} <span class="muted">${trace.type}</span> ${statusBadge(overall(trace))}${
    retries > 0
      ? html` <span class="badge warn">${retries} ${retries === 1 ? 'retry' : 'retries'}</span>`
      : ''
  }</h3>
${trace.visits.map((visit, index) => visitDetails(visit, several ? index + 1 : undefined))}
</li>`;
}

function visitDetails(visit: StepVisit, number: number | undefined): Html {
  const took = visit.exitedAt
    ? formatDuration(visit.exitedAt.getTime() - visit.enteredAt.getTime())
    : undefined;
  const errors = visit.errors.map(
    (error, index) =>
      html`<li><code>${error.error}</code> ${redactText(error.cause)}${
        index < visit.retries ? html` <span class="muted">(retried)</span>` : ''
      }</li>`,
  );
  // One visit says how it ended in the heading already; several say it each.
  const heading = number ? html`<strong>Run ${number}</strong> ${statusBadge(visit.outcome)} ` : '';
  const when = [
    `entered ${formatTime(visit.enteredAt)}`,
    ...(took ? [`took ${took}`] : []),
    ...(visit.retries > 0 ? [`${visit.retries + 1} attempts`] : []),
  ].join(', ');
  return html`<div class="visit">
<p class="when">${heading}<span class="muted">${when}</span></p>
${errors.length > 0 ? html`<ul class="errors">${errors}</ul>` : ''}
${visit.input === undefined ? '' : html`<details><summary>Input</summary><pre>${redactedJson(visit.input)}</pre></details>`}
${visit.output === undefined ? '' : html`<details><summary>Output</summary><pre>${redactedJson(visit.output)}</pre></details>`}
</div>`;
}

function overall(trace: StepTrace): string {
  const outcomes = trace.visits.map((visit) => visit.outcome);
  for (const worst of ['failed', 'stopped', 'running', 'caught'] as const) {
    if (outcomes.includes(worst)) return worst;
  }
  return 'succeeded';
}
