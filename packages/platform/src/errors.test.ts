import { describe, expect, it } from 'vitest';
import { APP_ERROR_TYPES, AppError, decodeAppError, encodeAppError, isAppError, type AppErrorType } from './errors.js';

describe('AppError encoding', () => {
  it('round-trips type, message, code, field errors and details through a failedReason', () => {
    const original = new AppError('invalid_data', 'bad return', {
      code: 'return.items_empty',
      errors: [{ path: 'items', message: 'at least one item' }],
      details: { order_id: 'o-1', count: 0 },
      cause: new Error('not carried'),
    });
    const decoded = decodeAppError(encodeAppError(original));
    expect(decoded).toBeInstanceOf(AppError);
    expect(decoded?.toJSON()).toEqual(original.toJSON());
    expect(decoded?.status).toBe(400);
    expect(decoded?.retryable).toBe(false);
  });

  it('round-trips an error with no options', () => {
    const decoded = decodeAppError(encodeAppError(new AppError('not_found', 'no such order')));
    expect(decoded?.toJSON()).toEqual({ type: 'not_found', message: 'no such order' });
  });

  it.each([
    ['undefined', undefined],
    ['an empty string', ''],
    ['plain text', 'TypeError: x is undefined'],
    ['the prefix alone', 'AppError '],
    ['broken JSON', 'AppError {"type":'],
    ['JSON null', 'AppError null'],
    ['a JSON array', 'AppError ["not_found","x"]'],
    ['an unknown type', 'AppError {"type":"teapot","message":"x"}'],
    ['an inherited property as type', 'AppError {"type":"toString","message":"x"}'],
    ['constructor as type', 'AppError {"type":"constructor","message":"x"}'],
    ['a missing message', 'AppError {"type":"not_found"}'],
    ['a non-string message', 'AppError {"type":"not_found","message":42}'],
  ])('decodes %s to undefined', (_label, reason) => {
    expect(decodeAppError(reason)).toBeUndefined();
  });
});

describe('AppError types', () => {
  const expected: Record<AppErrorType, [number, boolean]> = {
    invalid_data: [400, false],
    unauthorized: [401, false],
    not_allowed: [403, false],
    not_found: [404, false],
    conflict: [409, false],
    unexpected_state: [409, false],
    unprocessable: [422, false],
    rate_limited: [429, true],
    dependency_unavailable: [503, true],
  };

  it('covers every type', () => {
    expect(Object.keys(expected).sort()).toEqual(Object.keys(APP_ERROR_TYPES).sort());
  });

  it.each(Object.entries(expected))('%s has status %j and retryable as listed', (type, [status, retryable]) => {
    const err = new AppError(type as AppErrorType, 'x');
    expect(err.status).toBe(status);
    expect(err.retryable).toBe(retryable);
  });
});

describe('isAppError', () => {
  it('recognizes AppErrors, including look-alikes from another copy of the module', () => {
    expect(isAppError(new AppError('conflict', 'x'))).toBe(true);
    const foreign = Object.assign(new Error('x'), { name: 'AppError', type: 'conflict' });
    expect(isAppError(foreign)).toBe(true);
    expect(isAppError(new Error('x'))).toBe(false);
    expect(isAppError({ name: 'AppError', type: 'conflict' })).toBe(false);
  });
});
