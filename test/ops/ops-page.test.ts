/**
 * The operations page in a real headless Chromium (one for the file), on a local stack that took
 * the sample calls: a completed lead, a support call, two partial leads with queued jobs and a
 * high-value lead waiting for its approval. Screenshots go to test-artifacts/ops/.
 */

import { mkdir } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, PROJECT_ROOT, startLocalStack } from '../../local/stack';
import { eventually } from '../helpers/calls';
import { type Chromium, openChromium } from './chromium';
import { PARTIAL_CALLER, type SampleAnswers, sendSampleCalls } from './sample-calls';

const ARTIFACTS = join(PROJECT_ROOT, 'test-artifacts', 'ops');

let stack: LocalStack;
let chromium: Chromium;
let page: Page;
let answers: SampleAnswers;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  stack = await startLocalStack({ timeScale: 0.001, env: { CONNECTOR_TIMEOUT_MS: '300' } });
  answers = await sendSampleCalls(stack);

  chromium = await openChromium();
  page = await chromium.context.newPage();
  // Well inside the test's own time limit, so that a missing element fails with its name.
  page.setDefaultTimeout(8000);
}, 90_000);

afterAll(async () => {
  await chromium?.close();
  await stack?.stop();
});

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, name), fullPage: true });
/** The text a person sees in each element that matches, as the browser lays it out. */
const rowsOf = (selector: string) => page.locator(selector).allInnerTexts();
const seen = async (target: string | Locator) =>
  (await (typeof target === 'string' ? page.locator(target) : target).allInnerTexts()).join('\n');

describe('the operations page', () => {
  it('answers on the address npm start prints, on loopback', () => {
    expect(stack.opsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(answers.completed.body.status).toBe('completed');
    expect(answers.support.body.status).toBe('completed');
    expect(answers.replayed.body.status).toBe('partial');
    expect(answers.discarded.body.status).toBe('partial');
    expect(answers.highValue.body.status).toBe('pending_approval');
  });

  it('lists the executions with flow, status, duration and start, and filters them', async () => {
    await page.goto(`${stack.opsUrl}/`);
    expect(await page.title()).toMatch(/^Executions/);
    const rows = await rowsOf('table.executions tbody tr');
    const flows = await page.$$eval('table.executions td.flow', (cells) =>
      cells.map((cell) => cell.textContent),
    );
    expect(new Set(flows)).toEqual(new Set(['lead', 'support', 'high-value']));
    const highValueRun = rows.find((row) => row.startsWith('high-value'));
    expect(highValueRun).toMatch(/running/);
    expect(highValueRun).toMatch(/so far/);
    const partial = rows.find((row) => row.includes(String(answers.replayed.body.execution_id)));
    expect(partial).toMatch(
      /succeeded\s+partial\s+[\d.]+ m?s\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/,
    );
    await shot('executions.png');

    await page.selectOption('select[name=flow]', 'support');
    await page.click('form.filters button');
    expect(await rowsOf('table.executions tbody tr')).toEqual([
      expect.stringContaining(String(answers.support.body.execution_id)),
    ]);

    await page.selectOption('select[name=flow]', '');
    await page.selectOption('select[name=status]', 'answer:partial');
    await page.click('form.filters button');
    const partials = await rowsOf('table.executions tbody tr');
    expect(partials).toHaveLength(2);
    expect(partials.join('\n')).toContain(String(answers.replayed.body.execution_id));
    expect(partials.join('\n')).toContain(String(answers.discarded.body.execution_id));
  });

  it('draws the partial lead with its path, the chat step caught after its retries', async () => {
    await page.goto(`${stack.opsUrl}/executions?status=answer:partial`);
    await page.click(`a:text("${answers.replayed.body.execution_id}")`);
    await page.waitForSelector('svg.state-graph');

    const entered = await page.$$eval('svg .state.entered', (nodes) =>
      nodes.map((node) => node.getAttribute('data-state')).filter(Boolean),
    );
    expect(entered).toEqual(
      expect.arrayContaining([
        'GatherLeadContext',
        'CheckCrmForDuplicate',
        'CreateLead',
        'EnrichCompany',
        'ScoreLead',
        'StartFollowUps',
        'SendConfirmationEmail',
        'NotifyTeamChat',
        'NotifyTeamChatFailed',
        'FinishLead',
      ]),
    );
    expect(entered).not.toContain('HandOverToHighValue');
    expect(entered).not.toContain('FetchContactHistory');
    expect(entered).not.toContain('HandOverToPeople');
    const caught = await page.$$eval('svg .state.caught', (nodes) =>
      nodes.map((node) => node.getAttribute('data-state')),
    );
    expect(caught).toEqual(['NotifyTeamChat']);
    expect(await page.textContent('svg .state[data-state=NotifyTeamChat] .retries')).toBe('3');
    // Parallel branches are drawn as boxes inside their state.
    expect(await page.locator('svg .group').count()).toBeGreaterThan(10);

    const chat = page.locator('li.step[data-state=NotifyTeamChat]');
    expect(await seen(chat)).toMatch(/caught[\s\S]*3 retries[\s\S]*ServiceUnavailableError/);
    await page.click('svg .state[data-state=CreateLead] a');
    await page.locator('li.step[data-state=CreateLead] summary', { hasText: 'Input' }).click();
    expect(await seen(page.locator('li.step[data-state=CreateLead] pre').first())).toContain(
      '[redacted]',
    );

    const audit = await rowsOf('table.audit tbody tr');
    expect(audit.join('\n')).toMatch(/caller\s+call\.accepted/);
    expect(audit.join('\n')).toMatch(/system\s+execution\.started/);
    expect(audit.join('\n')).toMatch(/job\.queued/);

    const everything = await page.content();
    for (const personal of Object.values(PARTIAL_CALLER).slice(0, 3)) {
      expect(everything).not.toContain(personal);
    }
    expect(everything).not.toContain('olga.petrova');
    await shot('execution-partial-lead.png');
  });

  it('draws a Map state with its item processor, and marks where a waiting run is', async () => {
    await page.goto(`${stack.opsUrl}/executions?flow=high-value`);
    await page.click('table.executions tbody tr a');
    await page.waitForSelector('svg.state-graph');

    expect(await page.locator('svg .group .caption', { hasText: 'each item' }).count()).toBe(1);
    expect(await page.locator('svg .state[data-state=PostWeeklyStatus]').count()).toBe(1);
    const entered = await page.$$eval('svg .state.entered', (nodes) =>
      nodes.map((node) => node.getAttribute('data-state')).filter(Boolean),
    );
    expect(entered).toEqual(['PlanApproval', 'AskManagerForApproval']);
    expect(await seen('li.step[data-state=AskManagerForApproval] h3')).toMatch(/running/);
  });

  it('shows the queued jobs, replays one and discards the other with their buttons', async () => {
    const replayed = String(answers.replayed.body.execution_id);
    const discarded = String(answers.discarded.body.execution_id);
    await page.goto(`${stack.opsUrl}/queue`);
    const jobRow = (executionId: string) =>
      page.locator('table.jobs tbody tr', { hasText: executionId });
    await eventually(async () => ((await jobRow(replayed).count()) === 1 ? true : undefined));
    expect(await seen(jobRow(replayed))).toMatch(
      /failed-steps[\s\S]*Some steps failed[\s\S]*NotifyTeamChat: ServiceUnavailableError/,
    );
    expect(await jobRow(discarded).count()).toBe(1);
    await shot('queue.png');

    await jobRow(replayed).locator('button', { hasText: 'Replay' }).click();
    await page.waitForSelector('.recent li');
    expect(await seen('.recent li')).toMatch(
      /replay .*: .*ran: completed\. Deleted it from the queue\./,
    );
    expect(await jobRow(replayed).count()).toBe(0);

    page.once('dialog', (dialog) => void dialog.accept());
    await jobRow(discarded).locator('button', { hasText: 'Discard' }).click();
    await page.waitForSelector('.recent li:nth-child(2)');
    expect(await seen('.recent li')).toMatch(/discard .*: Discarded job_\w+ \(lead, /);
    expect(await jobRow(discarded).count()).toBe(0);
    await shot('queue-after-actions.png');

    const trail = async (executionId: string) => {
      await page.goto(`${stack.opsUrl}/executions?flow=lead`);
      await page.click(`a:text("${executionId}")`);
      return (await rowsOf('table.audit tbody tr')).join('\n');
    };
    expect(await trail(replayed)).toMatch(/operator:ops-page\s+job\.replayed/);
    expect(await trail(discarded)).toMatch(/operator:ops-page\s+job\.discarded/);
  });

  it('shows the approval e-mail in the outbox, and its Approve link opens the approval page', async () => {
    await page.goto(`${stack.opsUrl}/outbox`);
    const subjects = await rowsOf('table.outbox tbody tr');
    expect(subjects.join('\n')).toContain('We have received your request');
    await page.click('a:text-matches("^Approval needed: high-value lead")');
    await page.waitForSelector('iframe.mail-html');
    const frame = page.frameLocator('iframe.mail-html');
    expect(await frame.locator('a', { hasText: 'Approve' }).count()).toBe(1);
    await shot('outbox-approval-email.png');

    const approve = page.locator('li', { hasText: /^Approve/ }).locator('a.mail-link');
    expect(await approve.getAttribute('href')).toMatch(
      new RegExp(`^${stack.apiUrl}/approvals/.*decision=approve`),
    );
    await approve.click();
    await page.waitForLoadState();
    expect(page.url()).toMatch(new RegExp(`^${stack.apiUrl}/approvals/`));
    expect(await page.textContent('body')).toContain('Approve this high-value lead?');
  });

  it('draws the metrics as charts with data', async () => {
    await page.goto(`${stack.opsUrl}/metrics`);
    // Each chart says on its canvas how many values it drew.
    for (const id of ['success-rate', 'answer-time', 'retry-rate', 'queue-depth']) {
      await page.waitForSelector(`canvas#chart-${id}[data-points]:not([data-points="0"])`);
    }
    expect(await seen('.tiles')).toMatch(/5\s+calls answered/);
    // The canvases carry drawn pixels, not just a size.
    const inked = await page.$$eval('canvas', (canvases) =>
      canvases.map((canvas) => {
        const { data } = canvas
          .getContext('2d')
          ?.getImageData(0, 0, canvas.width, canvas.height) ?? {
          data: [],
        };
        let count = 0;
        for (let index = 3; index < data.length; index += 4) if ((data[index] ?? 0) > 0) count += 1;
        return count;
      }),
    );
    expect(inked.every((count) => count > 500)).toBe(true);
    await shot('metrics.png');
  });

  it('answers only by its loopback name, and acts only on posts from its own pages', async () => {
    const { port } = new URL(stack.opsUrl);
    const status = (method: string, headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const sent = request(
          { host: '127.0.0.1', port, method, path: '/queue/job_x/discard', headers },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        );
        sent.on('error', reject);
        sent.end();
      });

    expect(await status('GET', { host: 'ops.attacker.example' })).toBe(421);
    expect(await status('POST', { host: `127.0.0.1:${port}` })).toBe(403);
    expect(await status('POST', { host: `127.0.0.1:${port}`, origin: 'http://evil.example' })).toBe(
      403,
    );
  });
});
