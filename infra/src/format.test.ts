import { describe, expect, it } from 'vitest';
import { countsFromReport, redactUrl, renderBox, summaryLine, timingTable, withDatabase } from './format.js';

describe('summaryLine', () => {
  it('prints passed and failed', () => {
    expect(summaryLine(countsFromReport({ numPassedTests: 12, numFailedTests: 1, numPendingTests: 0, numTodoTests: 0 }))).toBe('12 passed, 1 failed');
  });

  it('adds skipped (pending and todo) only when there are any', () => {
    expect(summaryLine(countsFromReport({ numPassedTests: 3, numFailedTests: 0, numPendingTests: 2, numTodoTests: 1 }))).toBe('3 passed, 0 failed, 3 skipped');
  });

  it('treats a missing or malformed report as zero tests', () => {
    expect(summaryLine(countsFromReport(undefined))).toBe('0 passed, 0 failed');
    expect(summaryLine(countsFromReport({ numPassedTests: '7' }))).toBe('0 passed, 0 failed');
  });
});

describe('timingTable', () => {
  it('aligns steps and shows ok, failed with the exit code, or skipped', () => {
    const table = timingTable(
      [
        { name: 'lint', ms: 1234, code: 0 },
        { name: 'typecheck', ms: 500, code: 2 },
        { name: 'vitest', ms: 0, code: undefined },
      ],
      1734,
    );
    expect(table.split('\n')).toEqual([
      '  lint          1.2s  ok',
      '  typecheck     0.5s  FAILED (exit 2)',
      '  vitest        0.0s  skipped',
      '  total         1.7s',
    ]);
  });
});

describe('URLs', () => {
  it('removes the password before printing', () => {
    expect(redactUrl('postgres://postgres:s3cret@127.0.0.1:54320/hvar')).toBe('postgres://postgres@127.0.0.1:54320/hvar');
  });

  it('points a server URL at another database', () => {
    expect(withDatabase('postgres://u:p@h:1/postgres', 'hvar_test')).toBe('postgres://u:p@h:1/hvar_test');
  });
});

describe('renderBox', () => {
  it('pads every line to the widest', () => {
    expect(renderBox(['ab', 'abcd'])).toBe('┌──────┐\n│ ab   │\n│ abcd │\n└──────┘');
  });
});
