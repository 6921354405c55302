import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  buildCalendarInvite,
  CALENDAR_INVITE_CONTENT_TYPE,
} from '../../functions/connectors/calendar-invite';
import { createEmailSender } from '../../functions/connectors/email';
import { RateLimitedError, UpstreamRejectedError } from '../../functions/core/errors';
import { parseMime } from '../../local/aws/mime-reader';
import { type LocalSes, startLocalSes } from '../../local/aws/ses';
import { FAULT_CASES, failureOf, SHORT_TIMEOUT_MS } from './fault-cases';

const FROM = { name: 'Acme Vertrieb', email: 'sales@our-company.example' };

describe('e-mail connector against the local SES endpoint', () => {
  let ses: LocalSes;
  let outboxDir: string;

  beforeAll(async () => {
    outboxDir = await mkdtemp(join(tmpdir(), 'outbox-'));
    ses = await startLocalSes({ outboxDir, verifiedIdentities: ['our-company.example'] });
  });

  beforeEach(() => ses.reset());

  afterAll(async () => {
    await ses.close();
    await rm(outboxDir, { recursive: true, force: true });
  });

  const sender = (timeoutMs = 5000, from: typeof FROM | string = FROM) =>
    createEmailSender({
      client: new SESv2Client({
        endpoint: ses.url,
        region: 'eu-central-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 1,
      }),
      from,
      timeoutMs,
    });

  it('sends a MIME message with text, HTML and an .ics invite that parses back', async () => {
    const invite = buildCalendarInvite({
      uid: 'call-123@our-company.example',
      start: new Date('2030-05-06T09:00:00Z'),
      durationMinutes: 30,
      summary: 'Rückruf: Demo, Preise; Fragen',
      description: 'Zeile 1\nZeile 2',
      organizer: { name: 'Rita Rep', email: 'rep@our-company.example' },
      attendee: { name: 'Maria Keller', email: 'maria.keller@acme-industries.example' },
      now: new Date('2030-05-01T12:00:00Z'),
    });

    const { messageId } = await sender().send({
      to: { name: 'Maria Keller', email: 'maria.keller@acme-industries.example' },
      subject: 'Ihre Anfrage – Bestätigung für Müller & Söhne',
      text: 'Guten Tag Frau Keller,\ndanke für Ihren Anruf. Größe: 50 Plätze.',
      html: '<p>Guten Tag Frau Keller,</p><p>danke für Ihren Anruf.</p>',
      attachments: [
        { filename: 'invite.ics', contentType: CALENDAR_INVITE_CONTENT_TYPE, content: invite },
      ],
      headers: { 'X-Execution-Id': 'exec-1' },
    });

    const [message] = ses.messages();
    expect(message).toMatchObject({
      messageId,
      to: ['maria.keller@acme-industries.example'],
      subject: 'Ihre Anfrage – Bestätigung für Müller & Söhne',
    });
    expect(ses.requests()[0]).toMatchObject({ method: 'POST', path: '/v2/email/outbound-emails' });

    const raw = await readFile(message?.file ?? '', 'utf8');
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(raw.split('\r\n').every((line) => line.length <= 998)).toBe(true);
    expect(raw).toMatch(/^Subject: =\?UTF-8\?B\?/m);

    const root = parseMime(raw);
    expect(root.headers.from).toBe('"Acme Vertrieb" <sales@our-company.example>');
    expect(root.headers['x-execution-id']).toBe('exec-1');
    expect(root.mediaType).toBe('multipart/mixed');
    const [alternative, attachment] = root.parts;
    expect(alternative?.mediaType).toBe('multipart/alternative');
    expect(alternative?.parts.map((p) => p.mediaType)).toEqual(['text/plain', 'text/html']);
    expect(alternative?.parts[0]?.body.toString('utf8')).toBe(
      'Guten Tag Frau Keller,\r\ndanke für Ihren Anruf. Größe: 50 Plätze.',
    );
    expect(attachment).toMatchObject({ mediaType: 'text/calendar', params: { method: 'REQUEST' } });
    expect(attachment?.headers['content-disposition']).toContain('filename="invite.ics"');
    expect(attachment?.body.toString('utf8')).toBe(invite);
  });

  it('sends a text-only message as a single quoted-printable part', async () => {
    await sender().send({ to: 'ops@our-company.example', subject: 'Plain', text: 'a=b' });

    const root = parseMime(await readFile(ses.messages()[0]?.file ?? '', 'utf8'));
    expect(root.mediaType).toBe('text/plain');
    expect(root.headers['content-transfer-encoding']).toBe('quoted-printable');
    expect(root.body.toString('utf8')).toBe('a=b\r\n');
  });

  it('keeps a caller from starting a new header through the subject', async () => {
    await sender().send({
      to: 'ops@our-company.example',
      subject: 'Hi\r\nBcc: evil@x.example',
      text: '.',
    });

    const raw = await readFile(ses.messages()[0]?.file ?? '', 'utf8');
    expect(raw).not.toMatch(/^Bcc:/m);
  });

  it('maps SES MessageRejected (unverified sender) to UpstreamRejectedError', async () => {
    const error = await failureOf(() =>
      sender(5000, 'someone@elsewhere.example').send({
        to: 'a@our-company.example',
        subject: 's',
        text: 't',
      }),
    );

    expect(error).toBeInstanceOf(UpstreamRejectedError);
    expect(error).toMatchObject({
      status: 400,
      message: expect.stringContaining('MessageRejected'),
    });
  });

  it.each(FAULT_CASES)('maps a fault: $title', async ({ fault, error: expected, short }) => {
    ses.injectFault(fault);

    const error = await failureOf(() =>
      sender(short ? SHORT_TIMEOUT_MS : 5000).send({
        to: 'a@our-company.example',
        subject: 's',
        text: 't',
      }),
    );

    expect(error).toBeInstanceOf(expected);
    if (error instanceof RateLimitedError) expect(error.retryAfterSeconds).toBe(7);
    expect(ses.messages()).toEqual([]);
  });
});
