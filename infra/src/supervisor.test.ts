import { describe, expect, it } from 'vitest';
import { attemptAfterCrash, backoffDelayMs, formatPrefix, HEALTHY_AFTER_MS, lineSplitter } from './supervisor.js';

describe('restart backoff', () => {
  it('doubles from 1 s and caps at 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map(backoffDelayMs)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('starts over after a child stayed up long enough', () => {
    expect(attemptAfterCrash(4, HEALTHY_AFTER_MS - 1)).toBe(4);
    expect(attemptAfterCrash(4, HEALTHY_AFTER_MS)).toBe(0);
  });
});

describe('output prefixes', () => {
  it('pads names to a common width, coloured only when asked', () => {
    expect(formatPrefix('hub', 7, 0, false)).toBe('[hub]    ');
    expect(formatPrefix('gateway', 7, 0, true)).toBe('\x1b[36m[gateway]\x1b[0m');
  });

  it('splits chunks into whole lines and flushes the rest at the end', () => {
    const lines: string[] = [];
    const splitter = lineSplitter((line) => lines.push(line));
    splitter.push('one\ntw');
    splitter.push('o\r\nthr');
    expect(lines).toEqual(['one', 'two']);
    splitter.end();
    expect(lines).toEqual(['one', 'two', 'thr']);
  });
});
