import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../functions/core/errors';
import {
  checkBodySize,
  checkMediaType,
  MAX_BODY_BYTES,
  parseJsonBody,
} from '../../../functions/intake/read-body';
import fixture from '../../fixtures/call-body.json';

/** The fixture serialised, its summary padded with `filler` until the body is exactly `bytes` long. */
function callOfBytes(bytes: number, filler: string): string {
  const shell = (summary: string) =>
    JSON.stringify({
      ...fixture,
      conversation_context: { ...fixture.conversation_context, conversation_summary: summary },
    });
  const room = bytes - Buffer.byteLength(shell(''), 'utf8');
  const fillerBytes = Buffer.byteLength(filler, 'utf8');
  const summary = filler.repeat(Math.floor(room / fillerBytes)) + 'x'.repeat(room % fillerBytes);
  const body = shell(summary);
  expect(Buffer.byteLength(body, 'utf8')).toBe(bytes);
  return body;
}

function refusal(action: () => unknown): HttpError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    return error as HttpError;
  }
  throw new Error('expected the body to be refused');
}

describe('checkBodySize', () => {
  it('accepts a body of exactly 256 KiB', () => {
    // Prepare
    const body = callOfBytes(256 * 1024, 'a');

    // Act
    const act = () => checkBodySize(body);

    // Assess
    expect(act).not.toThrow();
  });

  it('answers 413 with the size for a body one byte over 256 KiB', () => {
    // Prepare
    const body = callOfBytes(256 * 1024 + 1, 'a');

    // Act
    const error = refusal(() => checkBodySize(body));

    // Assess
    expect(error.statusCode).toBe(413);
    expect(error.message).toBe('The body is 262145 bytes; at most 262144 are accepted.');
  });

  it('counts multi-byte characters in bytes, not in characters', () => {
    // Prepare: "ü" is two bytes and "€" three in UTF-8, so far fewer characters than bytes
    const umlauts = callOfBytes(MAX_BODY_BYTES + 1, 'ü');
    const euros = callOfBytes(MAX_BODY_BYTES + 2, '€');

    // Act
    const errors = [refusal(() => checkBodySize(umlauts)), refusal(() => checkBodySize(euros))];

    // Assess
    expect(umlauts.length).toBeLessThan(MAX_BODY_BYTES * 0.6);
    expect(euros.length).toBeLessThan(MAX_BODY_BYTES * 0.4);
    expect(errors.map((error) => error.statusCode)).toEqual([413, 413]);
    expect(errors[1]?.message).toMatch(/^The body is 262146 bytes/);
  });

  it('accepts a multi-byte body that fills the limit exactly', () => {
    // Prepare
    const body = callOfBytes(MAX_BODY_BYTES, 'ü');

    // Act
    const act = () => checkBodySize(body);

    // Assess
    expect(act).not.toThrow();
  });
});

describe('checkMediaType', () => {
  it.each([
    ['no Content-Type', undefined],
    ['application/json', 'application/json'],
    ['application/json with a charset', 'application/json; charset=utf-8'],
    ['upper-case JSON with a charset', 'Application/JSON;charset=UTF-8'],
    ['a vendor +json type', 'application/vnd.x+json'],
    ['a problem+json type with parameters', 'application/problem+json; charset=utf-8'],
  ])('accepts %s', (_, contentType) => {
    expect(() => checkMediaType(contentType, undefined)).not.toThrow();
  });

  it.each([
    ['text/plain', 'text/plain', 'text/plain'],
    ['text/plain with a charset', 'text/plain; charset=utf-8', 'text/plain'],
    [
      'a url-encoded form',
      'application/x-www-form-urlencoded',
      'application/x-www-form-urlencoded',
    ],
    ['a multipart form', 'multipart/form-data; boundary=----agent42', 'multipart/form-data'],
    ['XML', 'application/xml', 'application/xml'],
  ])('answers 415 for %s and says what to send', (_, contentType, shownType) => {
    // Act
    const error = refusal(() => checkMediaType(contentType, undefined));

    // Assess
    expect(error.statusCode).toBe(415);
    expect(error.message).toBe(`Content-Type ${shownType} is not accepted; send application/json.`);
  });

  it('answers 415 for a charset other than UTF-8 rather than read garbled text', () => {
    // Act
    const error = refusal(() => checkMediaType('application/json; charset=ISO-8859-1', undefined));

    // Assess
    expect(error.statusCode).toBe(415);
    expect(error.message).toBe('charset iso-8859-1 is not accepted; send the JSON in UTF-8.');
  });

  it('answers 415 for a compressed body and accepts identity', () => {
    // Act
    const error = refusal(() => checkMediaType('application/json', 'gzip'));

    // Assess
    expect(error.statusCode).toBe(415);
    expect(error.message).toBe(
      'Content-Encoding gzip is not accepted; send the JSON uncompressed.',
    );
    expect(() => checkMediaType('application/json', 'identity')).not.toThrow();
  });
});

describe('parseJsonBody', () => {
  it('reads a body that starts with a byte-order mark', () => {
    expect(parseJsonBody('\uFEFF{"a":1}')).toEqual({ a: 1 });
  });

  it('returns the parsed call', () => {
    // Act
    const parsed = parseJsonBody(JSON.stringify(fixture, null, 2));

    // Assess
    expect(parsed).toEqual(fixture);
  });

  it.each([
    ['an empty body', ''],
    ['a body of whitespace', ' \r\n\t '],
  ])('answers 400 for %s', (_, rawBody) => {
    // Act
    const error = refusal(() => parseJsonBody(rawBody));

    // Assess
    expect(error.statusCode).toBe(400);
    expect(error.message).toBe('The body is empty; send the call as a JSON object.');
    expect(error.details).toEqual({
      errors: [{ field: '(body)', problem: 'is empty', allowed: 'a JSON object' }],
    });
  });

  it('locates a missing comma at the start of the next line, where the parser trips', () => {
    // Prepare: the comma after "de-DE" on line 3 is missing; line 4 column 3 is the next key
    const rawBody = [
      '{',
      '  "trigger_source": "mid_call_tool",',
      '  "language": "de-DE"',
      '  "conversation_context": {',
      '    "customer_email": "Jana.Becker@Nordlicht-Logistik.de"',
      '  }',
      '}',
    ].join('\n');

    // Act
    const error = refusal(() => parseJsonBody(rawBody));

    // Assess
    expect(error.statusCode).toBe(400);
    expect(error.message).toBe('The body is not valid JSON: it breaks at line 4, column 3.');
    expect(error.details).toEqual({
      errors: [{ field: '(body)', problem: 'is not valid JSON (breaks at line 4, column 3)' }],
    });
  });

  it('locates a missing comma on the same line', () => {
    // Prepare: on line 3, column 23 is where "urgency_level" starts after the missing comma
    const rawBody =
      '{\n  "detected_intent": "sales",\n  "language": "de-DE" "urgency_level": "high"\n}';

    // Act
    const error = refusal(() => parseJsonBody(rawBody));

    // Assess
    expect(error.message).toBe('The body is not valid JSON: it breaks at line 3, column 23.');
  });

  it('counts lines of a body sent with CRLF line ends', () => {
    // Prepare: a trailing comma before "}" on line 3
    const rawBody = '{\r\n  "language": "de-DE",\r\n}';

    // Act
    const error = refusal(() => parseJsonBody(rawBody));

    // Assess
    expect(error.message).toBe('The body is not valid JSON: it breaks at line 3, column 1.');
  });

  it('says a truncated body breaks at its end', () => {
    // Prepare
    const full = JSON.stringify(fixture);
    const rawBody = full.slice(0, full.indexOf('"urgency_level"') + '"urgency_level":'.length);

    // Act
    const error = refusal(() => parseJsonBody(rawBody));

    // Assess
    expect(error.statusCode).toBe(400);
    expect(error.message).toBe('The body is not valid JSON: it breaks at the end of the body.');
  });

  it('locates an unquoted value where it starts, not at the end of the body', () => {
    // Prepare: the value yes starts at line 2, column 25; the body goes on for three more lines
    const rawBody = [
      '{',
      '  "follow_up_required": yes,',
      '  "priority": "high",',
      '  "assigned_team": "sales"',
      '}',
    ].join('\n');

    // Act
    const error = refusal(() => parseJsonBody(rawBody));

    // Assess
    expect(error.statusCode).toBe(400);
    expect(error.message).toBe('The body is not valid JSON: it breaks at line 2, column 25.');
  });

  it('never repeats the body content in the error', () => {
    // Prepare: the parser's own message for an unquoted token quotes the text around it
    const email = fixture.conversation_context.customer_email;
    const rawBody = `{"conversation_context": {"customer_email": ${email}, "customer_name": "Jana"}}`;

    // Act
    const error = refusal(() => parseJsonBody(rawBody));

    // Assess
    const shown = `${error.message} ${JSON.stringify(error.details)}`;
    expect(error.statusCode).toBe(400);
    expect(shown).not.toContain('Jana');
    expect(shown).not.toContain('customer_email');
    expect(error.cause).toBeUndefined();
  });
});
