import { describe, expect, it } from 'vitest';
import { isCanonicalIso, parseBostaCalendarDate, parseBostaDate } from './dates.js';
import { toPiastres } from './money.js';

const iso = (v: unknown): string | null => parseBostaDate(v)?.toISOString() ?? null;

describe('parseBostaDate', () => {
  it.each([
    ['2025-08-14T10:22:53.520Z', '2025-08-14T10:22:53.520Z'],
    ['2025-08-14T12:22:53.520+02:00', '2025-08-14T10:22:53.520Z'],
    ['2025-08-14T12:22:53+0200', '2025-08-14T10:22:53.000Z'],
    ['2025-08-14T10:22:53', '2025-08-14T10:22:53.000Z'],
    ['2025-08-01', '2025-08-01T00:00:00.000Z'],
    ['Wed Aug 13 2025 09:45:51 GMT+0000', '2025-08-13T09:45:51.000Z'],
    ['Wed Aug 13 2025 09:45:51 GMT+0000 (Coordinated Universal Time)', '2025-08-13T09:45:51.000Z'],
    ['Wed Aug 13 2025 12:45:51 GMT+0300 (Eastern European Summer Time)', '2025-08-13T09:45:51.000Z'],
    [1755078351763, '2025-08-13T09:45:51.763Z'],
    ['1755078351763', '2025-08-13T09:45:51.763Z'],
    ['13-07-2023', '2023-07-13T00:00:00.000Z'],
    ['3-7-2023', '2023-07-03T00:00:00.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(iso(input)).toBe(expected);
  });

  it('accepts a valid Date instance', () => {
    expect(iso(new Date('2025-01-01T00:00:00Z'))).toBe('2025-01-01T00:00:00.000Z');
  });

  it.each([
    ['foo'], [''], ['2025-13-01'], ['2025-02-30'], ['31-02-2025'], ['2025-08-14T25:00:00Z'],
    ['Wed Foo 13 2025 09:45:51 GMT+0000'], [12345], ['12345'], [Number.NaN], [true], [{}], [null], [undefined],
    [new Date('nope')],
  ])('%s → null', (input) => {
    expect(parseBostaDate(input)).toBeNull();
  });
});

describe('isCanonicalIso', () => {
  it.each([['2025-08-14T10:22:53.520Z'], ['2024-02-29T00:00:00.000Z'], ['2025-01-31T23:59:59.999Z'], ['2025-04-30T12:00:00.000Z']])(
    '%s is returned as is, exactly as parsing and formatting would give it',
    (input) => {
      expect(isCanonicalIso(input)).toBe(true);
      expect(iso(input)).toBe(input);
    },
  );

  it.each([
    ['2025-02-29T00:00:00.000Z'], ['2025-02-30T00:00:00.000Z'], ['2025-04-31T00:00:00.000Z'], ['2025-13-01T00:00:00.000Z'],
    ['2025-08-14T24:00:00.000Z'], ['2025-08-14T10:60:00.000Z'], ['2025-08-14T10:22:53Z'], ['2025-08-14T10:22:53.520+02:00'],
    [' 2025-08-14T10:22:53.520Z'], ['0099-08-14T10:22:53.520Z'], ['2025-08-14t10:22:53.520z'],
  ])('%s takes the full parse', (input) => {
    expect(isCanonicalIso(input)).toBe(false);
  });
});

describe('parseBostaCalendarDate', () => {
  it('keeps a DD-MM-YYYY day as is and gives instants their Cairo day', () => {
    expect(parseBostaCalendarDate('13-07-2023')).toBe('2023-07-13');
    expect(parseBostaCalendarDate('2023-07-13')).toBe('2023-07-13');
    // 22:30 UTC is already the next day in Cairo.
    expect(parseBostaCalendarDate('2023-07-13T22:30:00Z')).toBe('2023-07-14');
    expect(parseBostaCalendarDate('garbage')).toBeNull();
  });
});

describe('toPiastres', () => {
  it.each([
    [1250, 125000], ['1250', 125000], [63.95, 6395], ['63.95', 6395], [1186.05, 118605], ['1186.05', 118605],
    [0, 0], ['0', 0], [-150.5, -15050], ['-150.5', -15050], ['0.005', 1], [' 12.3 ', 1230],
  ])('%s → %s', (input, expected) => {
    expect(toPiastres(input)).toBe(expected);
  });

  it.each([['abc'], [''], ['12,5'], [Number.POSITIVE_INFINITY], [null], [{}], ['1e3']])('%s → null', (input) => {
    expect(toPiastres(input)).toBeNull();
  });
});
