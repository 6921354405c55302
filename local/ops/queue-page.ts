/**
 * The manual processing queue: each job with its kind, reason and failed steps, a Replay and a
 * Discard button, and what the last actions from this page did.
 */
import { MANUAL_JOB_KINDS, type ManualJob } from '../../functions/core/manual-queue';
import type { QueuedJob } from '../../functions/core/queued-job';
import { redactText } from '../../functions/core/redaction';
import type { LocalStepFunctions } from '../stepfunctions/engine';
import { executionHref, findExecution, formatTime } from './execution-summary';
import { type Html, html } from './html';
import { layout } from './page-layout';
import type { QueueAction } from './queue-operator';

export function queuePage(
  engine: LocalStepFunctions,
  jobs: QueuedJob[] | Error,
  actions: QueueAction[],
): Html {
  return layout({
    title: 'Manual queue',
    section: 'queue',
    scripts: ['/assets/confirm-discard.js'],
    body: html`${recent(actions)}${jobs instanceof Error ? unreadable(jobs) : listing(engine, jobs)}`,
  });
}

function listing(engine: LocalStepFunctions, jobs: QueuedJob[]): Html {
  if (jobs.length === 0) {
    return html`<p class="empty">The manual processing queue is empty: every call finished by itself.</p>`;
  }
  return html`<p class="note">${jobs.length} job${jobs.length === 1 ? '' : 's'} waiting for a person.</p>
<table class="jobs">
<thead><tr><th>Job</th><th>Kind</th><th>Reason</th><th>Failed steps</th><th>Call</th><th>Queued</th><th></th></tr></thead>
<tbody>${jobs.map((queued) => (queued.job ? jobRow(engine, queued, queued.job) : strayRow(queued)))}</tbody>
</table>`;
}

function jobRow(engine: LocalStepFunctions, queued: QueuedJob, job: ManualJob): Html {
  const copies =
    queued.copies.length > 1
      ? html` <span class="muted">(${queued.copies.length} copies)</span>`
      : '';
  const steps =
    job.failedSteps.length === 0
      ? html`<span class="muted">${job.error ? redactText(job.error) : '-'}</span>`
      : html`<ul>${job.failedSteps.map(
          (step) =>
            html`<li><strong>${step.step}</strong>: ${redactText(step.error)} <span class="muted">(${step.attempts} attempt${step.attempts === 1 ? '' : 's'})</span></li>`,
        )}</ul>`;
  const run = runLink(engine, job);
  return html`<tr data-job="${job.jobId}">
<td><code>${job.jobId}</code>${copies}</td>
<td>${job.kind}<br><span class="muted">${MANUAL_JOB_KINDS[job.kind] ?? ''}</span></td>
<td>${redactText(job.reason)}</td>
<td>${steps}</td>
<td>${job.workflow}<br>${run ? html`<a href="${run}">${job.run}</a>` : html`<code>${job.run}</code>`}</td>
<td>${job.queuedAt}</td>
<td class="actions">
<form method="post" action="/queue/${encodeURIComponent(job.jobId)}/replay"><button type="submit">Replay</button></form>
<form method="post" action="/queue/${encodeURIComponent(job.jobId)}/discard" data-confirm="Discard ${job.jobId} for good? Nobody will finish this call's work."><button type="submit" class="danger">Discard</button></form>
</td>
</tr>`;
}

function strayRow(queued: QueuedJob): Html {
  return html`<tr data-job="${queued.id}">
<td><code>${queued.id}</code></td><td colspan="5">This message holds no job the page can read.</td>
<td class="actions"><form method="post" action="/queue/${encodeURIComponent(queued.id)}/discard" data-confirm="Discard message ${queued.id} for good?"><button type="submit" class="danger">Discard</button></form></td>
</tr>`;
}

/** The page of the run that was handed over, while the engine still keeps it. */
function runLink(engine: LocalStepFunctions, job: ManualJob): string | undefined {
  for (const machine of engine.machines.values()) {
    if (findExecution(engine, machine.name, job.run)) return executionHref(machine.name, job.run);
  }
  return undefined;
}

function recent(actions: QueueAction[]): Html {
  if (actions.length === 0) return html``;
  return html`<section class="recent" aria-labelledby="recent-title"><h2 id="recent-title">Done from this page</h2><ul>${actions.map(
    (action) =>
      html`<li class="${action.done ? 'done' : 'kept'}"><span class="muted">${formatTime(action.at)}</span> ${action.action} <code>${action.jobId}</code>: ${action.text}</li>`,
  )}</ul></section>`;
}

function unreadable(error: Error): Html {
  return html`<p class="error">The queue could not be read: ${error.message}</p>`;
}
