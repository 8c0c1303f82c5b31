import { BostaApiError, BostaInputError, BostaNetworkError, BostaResponseError } from '@hvar/bosta';
import { describe, expect, it } from 'vitest';
import { classifyFailure, unavailableError } from './failure.js';

const api = (status: number, errorCode: number | null, message = 'bad') => new BostaApiError({ status, errorCode, message, body: { success: false, message, errorCode } });

describe('classifyFailure', () => {
  it('a 4xx validation refusal rejects the leg with Bosta’s code and message', () => {
    expect(classifyFailure(api(400, 3009, 'pickupAddress needs city + districtId'))).toEqual({ kind: 'rejected', error: { code: 'bosta_3009', message: 'pickupAddress needs city + districtId' } });
    expect(classifyFailure(api(422, null, 'nope'))).toEqual({ kind: 'rejected', error: { code: 'bosta_422', message: 'nope' } });
  });

  it('our own check of the input rejects too, naming every field', () => {
    const failure = classifyFailure(new BostaInputError('createDelivery', [{ path: 'pickupAddress.firstLine', message: 'too short' }, { path: 'receiver.phone', message: 'bad' }]));
    expect(failure?.kind).toBe('rejected');
    expect(failure?.error.message).toBe('pickupAddress.firstLine: too short; receiver.phone: bad');
  });

  it('429, 5xx, network and unreadable answers are retried', () => {
    expect(classifyFailure(api(429, 429))?.kind).toBe('retry');
    expect(classifyFailure(api(429, 429))?.error.code).toBe('bosta_rate_limited');
    expect(classifyFailure(api(503, 503))).toMatchObject({ kind: 'retry', error: { code: 'bosta_503' } });
    expect(classifyFailure(new BostaNetworkError('timeout', { code: 'ECONNABORTED', ambiguous: true }))).toMatchObject({ kind: 'retry', error: { code: 'bosta_network' } });
    expect(classifyFailure(new BostaResponseError('no tracking number', {}))).toMatchObject({ kind: 'retry', error: { code: 'bosta_bad_answer' } });
  });

  it('401/403 are configuration problems', () => {
    expect(classifyFailure(api(401, 1007))?.kind).toBe('fatal');
    expect(classifyFailure(api(403, 1008))).toMatchObject({ kind: 'fatal', error: { code: 'bosta_403' } });
  });

  it('anything else is not a Bosta failure (a bug to rethrow)', () => {
    expect(classifyFailure(new Error('boom'))).toBeNull();
    expect(classifyFailure('text')).toBeNull();
  });

  it('falls back to the error text when Bosta gave no message', () => {
    const err = new BostaApiError({ status: 400, errorCode: 1000, message: 'x', body: 'not json' });
    expect(classifyFailure(err)?.error.message).toBe(err.message);
  });
});

describe('unavailableError', () => {
  it('says how many tries and what the last one saw', () => {
    expect(unavailableError({ code: 'bosta_503', message: 'down' }, 5)).toEqual({ code: 'bosta_unavailable', message: 'Bosta did not accept the delivery after 5 tries (last: bosta_503: down).' });
  });
});
