/** The executions list: flow, run status, the call's answer, duration and start, with filters. */
import { OUTCOME_STATUSES } from '../../functions/core/outcome';
import type { LocalStepFunctions } from '../stepfunctions/engine';
import {
  type ExecutionListing,
  isStatusFilter,
  listExecutions,
  RUN_STATUSES,
} from './execution-list';
import { formatDuration, formatTime } from './execution-summary';
import { type Html, html } from './html';
import { layout } from './page-layout';
import { statusBadge } from './status-badge';

export async function executionsPage(
  engine: LocalStepFunctions,
  query: URLSearchParams,
): Promise<Html> {
  const flow = query.get('flow') ?? '';
  const status = query.get('status') ?? '';
  const listing = await listExecutions(engine, {
    ...(flow ? { flow } : {}),
    ...(status && isStatusFilter(status) ? { status } : {}),
  });
  return layout({
    title: 'Executions',
    section: 'executions',
    body: html`${filters(listing, flow, status)}${table(listing)}`,
  });
}

function filters(listing: ExecutionListing, flow: string, status: string): Html {
  const option = (value: string, label: string, chosen: string) =>
    html`<option value="${value}"${value === chosen ? html` selected` : ''}>${label}</option>`;
  return html`<form class="filters" method="get" action="/executions" aria-label="Filter executions">
<label>Flow <select name="flow">${option('', 'all flows', flow)}${listing.flows.map((name) => option(name, name, flow))}</select></label>
<label>Status <select name="status">${option('', 'any status', status)}
<optgroup label="Run">${RUN_STATUSES.map((name) => option(`run:${name}`, name.toLowerCase().replace('_', ' '), status))}</optgroup>
<optgroup label="Call answer">${OUTCOME_STATUSES.map((name) => option(`answer:${name}`, name.replace('_', ' '), status))}</optgroup>
</select></label>
<button type="submit">Filter</button>
${flow || status ? html`<a href="/executions">Clear</a>` : ''}
</form>`;
}

function table(listing: ExecutionListing): Html {
  if (listing.rows.length === 0) {
    return html`<p class="empty">No executions match. Calls sent to the webhook show up here.</p>`;
  }
  const more =
    listing.matched > listing.rows.length
      ? html`<p class="note">The newest ${listing.rows.length} of ${listing.matched}.</p>`
      : html`<p class="note">${listing.matched} execution${listing.matched === 1 ? '' : 's'}.</p>`;
  const rows = listing.rows.map(
    (row) => html`<tr data-flow="${row.flow}" data-status="${row.status}">
<td class="flow">${row.flow}</td>
<td><a href="${row.href}">${row.name}</a></td>
<td>${statusBadge(row.status)}</td>
<td>${row.answer ? statusBadge(row.answer) : html`<span class="muted">-</span>`}</td>
<td class="number">${formatDuration(row.durationMs)}${row.stopDate ? '' : html` <span class="muted">so far</span>`}</td>
<td>${formatTime(row.startDate)}</td>
</tr>`,
  );
  return html`${more}<table class="executions">
<thead><tr><th>Flow</th><th>Run</th><th>Status</th><th>Call answer</th><th>Duration</th><th>Started</th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
}
