import { Writable } from 'node:stream';
import { trace } from '@opentelemetry/api';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, maskPhones, type Logger } from './logger.js';
import { startTelemetry } from './telemetry.js';

// Registers a real tracer and context manager, so an active span is visible to the log mixin.
const telemetry = startTelemetry({ service: 'logger-test', version: 'test' });
afterAll(() => telemetry.shutdown());

type Line = Record<string, unknown>;

/** A logger whose lines are captured as parsed JSON objects. */
function capture(): { log: Logger; lines: Line[] } {
  const lines: Line[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(JSON.parse(chunk.toString()) as Line);
      cb();
    },
  });
  return { log: createLogger({ service: 'returns', destination }), lines };
}

function only(lines: Line[]): Line {
  expect(lines).toHaveLength(1);
  return lines[0] ?? {};
}

describe('logger redaction', () => {
  it('redacts personal data and secrets at depth 0', () => {
    const { log, lines } = capture();
    log.info({ phone: '+201012345678', name: 'Mona Ali', address: '5 Tahrir St', token: 't0k', DATABASE_URL: 'postgres://u:pw@h/db', order_id: 'o-1' }, 'x');
    expect(only(lines)).toMatchObject({
      phone: '[redacted]',
      name: '[redacted]',
      address: '[redacted]',
      token: '[redacted]',
      DATABASE_URL: '[redacted]',
      order_id: 'o-1',
    });
  });

  it('redacts at depth 1 and 2, keeping the non-sensitive fields', () => {
    const { log, lines } = capture();
    log.info(
      {
        customer: { receiver_phone: '01012345678', full_name: 'Mona Ali', city: 'Cairo' },
        order: { receiver: { firstName: 'Mona', address: { firstLine: '5 Tahrir St' }, second_phone: '01112345678' }, id: 'o-1' },
        req: { headers: { authorization: 'Bearer s3cret', cookie: 'sid=abc', 'set-cookie': 'sid=abc', accept: 'json' } },
      },
      'x',
    );
    const line = only(lines);
    expect(line.customer).toEqual({ receiver_phone: '[redacted]', full_name: '[redacted]', city: 'Cairo' });
    expect(line.order).toEqual({ receiver: { firstName: '[redacted]', address: '[redacted]', second_phone: '[redacted]' }, id: 'o-1' });
    expect(line.req).toEqual({ headers: { authorization: '[redacted]', cookie: '[redacted]', 'set-cookie': '[redacted]', accept: 'json' } });
    expect(JSON.stringify(line)).not.toMatch(/Mona|Tahrir|s3cret|0101234|0111234/);
  });

  it('masks phone numbers inside message strings, in every usual spelling', () => {
    const { log, lines } = capture();
    log.info('call +201012345678 or 01012345678 or +20 101 234 5678 or 0020-111-234-5678 about order 12345');
    const msg = String(only(lines).msg);
    expect(msg).toBe('call [phone] or [phone] or [phone] or [phone] about order 12345');
  });

  it('masks phones in interpolated arguments and in child loggers', () => {
    const { log, lines } = capture();
    log.child({ queue: 'returns' }).warn('customer %s did not answer', '01234567890');
    expect(only(lines)).toMatchObject({ msg: 'customer [phone] did not answer', queue: 'returns' });
  });

  it('leaves ids and amounts alone', () => {
    const text = 'order 1234567 of 250 EGP, tracking 7045123456, id 110123456789, ref 2010123456789';
    expect(maskPhones(text)).toBe(text);
    expect(maskPhones('(01012345678)')).toBe('([phone])');
  });
});

describe('logger context', () => {
  it('carries the service name, and no trace id outside a span', () => {
    const { log, lines } = capture();
    log.info('plain');
    const line = only(lines);
    expect(line.service).toBe('returns');
    expect(line).not.toHaveProperty('trace_id');
  });

  it('carries trace_id and span_id of the active span', () => {
    const { log, lines } = capture();
    const ids = trace.getTracer('test').startActiveSpan('work', (span) => {
      log.info('inside');
      span.end();
      return span.spanContext();
    });
    expect(ids.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(only(lines)).toMatchObject({ service: 'returns', trace_id: ids.traceId, span_id: ids.spanId });
  });
});
