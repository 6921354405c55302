import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logger } from '../../functions/core/logger';
import { redactText, redactValue } from '../../functions/core/redaction';
import { type LocalStack, startLocalStack } from '../../local/stack';
import { postCall, sampleCall } from '../helpers/calls';
import { takeJobs } from '../helpers/manual-queue';

const PERSON = {
  name: 'Henrietta Quillfeather',
  email: 'henrietta.q@quillworks.example',
  phone: '+49 151 23456789',
  card: '4111 1111 1111 1111',
  iban: 'DE89 3704 0044 0532 0130 00',
};
/** Every form in which the person's data could show up in a log line. */
const TRACES = [
  'Henrietta',
  'Quillfeather',
  PERSON.email,
  'henrietta.q',
  '15123456789',
  '151 23456789',
  PERSON.card,
  '4111111111111111',
  PERSON.iban,
  'DE89370400440532013000',
];

let stack: LocalStack;
let captured = '';
const writes: Array<[NodeJS.WriteStream, NodeJS.WriteStream['write']]> = [];

beforeAll(async () => {
  stack = await startLocalStack({ timeScale: 0.001, env: { CONNECTOR_TIMEOUT_MS: '300' } });
  logger.setLogLevel('DEBUG');
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    writes.push([stream, stream.write]);
    stream.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      captured += String(chunk);
      return original(chunk, ...rest);
    }) as typeof stream.write;
  }
});
afterAll(async () => {
  for (const [stream, write] of writes) stream.write = write;
  logger.setLogLevel('SILENT');
  await stack.stop();
});

function personalCall(context: Record<string, unknown> = {}) {
  return sampleCall({
    conversation_context: {
      customer_email: PERSON.email,
      customer_name: PERSON.name,
      customer_phone: PERSON.phone,
      conversation_summary: `${PERSON.name} wants to pay by card ${PERSON.card} or from IBAN ${PERSON.iban}; call back on ${PERSON.phone} or write to ${PERSON.email}.`,
      ...context,
    },
  });
}

describe('the logs of the whole path', () => {
  it('hold none of the caller’s personal data, through success, failures, hand-over and refusals', async () => {
    const completed = await postCall(stack.apiUrl, personalCall());
    stack.slack.injectFault({ kind: 'status', status: 400, times: 'always' });
    const partial = await postCall(stack.apiUrl, personalCall({ urgency_level: 'critical' }));
    stack.slack.clearFaults();
    stack.hubspot.injectFault({ kind: 'status', status: 503, times: 'always' });
    const handedOver = await postCall(
      stack.apiUrl,
      personalCall({ detected_intent: 'support', customer_email: `support.${PERSON.email}` }),
      { flow: 'auto' },
    );
    stack.hubspot.clearFaults();
    const refused = await postCall(
      stack.apiUrl,
      personalCall({ customer_email: `${PERSON.name} <henrietta.q@>` }),
    );
    await takeJobs(stack);

    expect([completed, partial, handedOver].map((answer) => answer.body.status)).toEqual([
      'completed',
      'partial',
      'accepted',
    ]);
    expect(refused.status).toBe(400);
    expect(captured).toContain('"message":"Call answered"');
    expect(captured).toContain('"message":"Step attempt failed"');
    expect(captured).toContain('"message":"Job handed to the manual processing queue"');
    expect(TRACES.filter((trace) => captured.toLowerCase().includes(trace.toLowerCase()))).toEqual(
      [],
    );
  });
});

describe('redaction', () => {
  it('finds e-mail addresses, phone numbers, cards and IBANs in free text', () => {
    expect(
      redactText(
        'Mail ann@example.org, ring 030 1234567 or +1 (415) 555-0100, card 5500-0000-0000-0004, IBAN GB82WEST12345698765432',
      ),
    ).toBe('Mail [email], ring [phone] or [phone], card [card], IBAN [iban]');
  });

  it('leaves times, ids, amounts and numbers that fail their checks alone', () => {
    const text =
      'at 2026-12-04T18:25:31.123Z exec_0123456789abcdef0123456789abcdef took 1234 ms, 4111 1111 1111 1112, budget 120000';
    expect(redactText(text)).toBe(text);
  });

  it('replaces whatever stands under a key that names a person’s data', () => {
    expect(
      redactValue({ contact: { name: 'X Æ', phone: '12', company: 'Acme' }, customer_email: 'a' }),
    ).toEqual({
      contact: { name: '[redacted]', phone: '[redacted]', company: 'Acme' },
      customer_email: '[redacted]',
    });
  });
});
