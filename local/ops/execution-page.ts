/**
 * One execution: what it was and how it ended, its state machine drawn with the path it took,
 * each step's details with personal data redacted, the call's answer and its audit trail.
 */
import { ANSWERING_WORKFLOWS } from '../../functions/catalog';
import { type CallRecord, readCall } from '../../functions/core/call-records';
import { redactText } from '../../functions/core/redaction';
import { workflowConfig } from '../../functions/core/workflow-config';
import type { Execution, LocalStepFunctions } from '../stepfunctions/engine';
import { auditTrailSection } from './audit-trail-section';
import {
  type ExecutionSummary,
  formatDuration,
  formatTime,
  newestFirst,
  summarize,
} from './execution-summary';
import { executionTrace } from './execution-trace';
import { type Html, type HtmlPart, html } from './html';
import { layout } from './page-layout';
import { redactedJson, redactedValue } from './redacted-json';
import { stateGraph } from './state-graph';
import { stateGraphSvg } from './state-graph-svg';
import { pathMarks } from './state-marks';
import { statusBadge } from './status-badge';
import { stepDetails } from './step-details';

export async function executionPage(
  engine: LocalStepFunctions,
  execution: Execution,
): Promise<Html> {
  const summary = summarize(execution);
  const trace = executionTrace(execution);
  const graph = stateGraph(execution.machine.definition);
  const [svg, call, audit] = await Promise.all([
    stateGraphSvg(graph, pathMarks(graph, trace)),
    ANSWERING_WORKFLOWS.has(summary.flow) && summary.executionId
      ? readCall(workflowConfig().callsTable, summary.executionId).catch(() => undefined)
      : Promise.resolve(undefined),
    auditTrailSection(summary.executionId),
  ]);
  const related = newestFirst(engine)
    .filter((other) => other !== execution)
    .map((other) => summarize(other))
    .filter((other) => summary.executionId && other.executionId === summary.executionId);

  return layout({
    title: `${summary.flow} · ${summary.name}`,
    section: 'executions',
    body: html`<p><a href="/executions">All executions</a></p>
${facts(execution, summary, call, related)}
<section aria-labelledby="graph-title"><h2 id="graph-title">Path through ${summary.machineName}</h2>
${legend()}
<div class="graph-frame">${svg}</div></section>
<section aria-labelledby="steps-title"><h2 id="steps-title">Steps</h2>${stepDetails(trace)}</section>
<section aria-labelledby="audit-title"><h2 id="audit-title">Audit trail</h2>${audit}</section>`,
  });
}

function facts(
  execution: Execution,
  summary: ExecutionSummary,
  call: CallRecord | undefined,
  related: ExecutionSummary[],
): Html {
  const outcome = call?.outcome;
  const row = (term: string, value: HtmlPart) => html`<dt>${term}</dt><dd>${value}</dd>`;
  return html`<dl class="facts">
${row('Flow', summary.flow)}
${row('Status', statusBadge(summary.status))}
${row('Call', summary.executionId ?? '-')}
${outcome ? row('Call answer', html`${statusBadge(outcome.status)} after ${formatDuration(outcome.executionTimeMs)}`) : ''}
${row('Started', formatTime(summary.startDate))}
${row('Duration', `${formatDuration(summary.durationMs)}${summary.stopDate ? '' : ' so far'}`)}
${execution.error ? row('Error', html`<code>${execution.error}</code> ${redactText(execution.cause ?? '')}`) : ''}
${outcome && outcome.errors.length > 0 ? row('Answer errors', html`<ul>${outcome.errors.map((error) => html`<li>${redactText(error)}</li>`)}</ul>`) : ''}
${outcome && outcome.warnings.length > 0 ? row('Warnings', html`<ul>${outcome.warnings.map((warning) => html`<li>${redactText(warning)}</li>`)}</ul>`) : ''}
${related.length > 0 ? row('Other runs of this call', html`<ul>${related.map((other) => html`<li><a href="${other.href}">${other.flow} · ${other.name}</a> ${statusBadge(other.status)}</li>`)}</ul>`) : ''}
</dl>
${outcome ? html`<details><summary>The call's answer (results)</summary><pre>${redactedValue(outcome.results)}</pre></details>` : ''}
<details><summary>Execution input</summary><pre>${redactedJson(execution.input)}</pre></details>
${execution.output ? html`<details><summary>Execution output</summary><pre>${redactedJson(execution.output)}</pre></details>` : ''}`;
}

function legend(): Html {
  return html`<p class="legend">
<span class="key entered">entered</span>
<span class="key retried">retried</span>
<span class="key caught">error caught</span>
<span class="key failed">failed</span>
<span class="key untouched">not entered</span>
<span class="key catch-edge">catch</span>
Click a state for its details.</p>`;
}
