import { describe, expect, it } from 'vitest';
import { parseEnvFile } from './env-file.js';

describe('parseEnvFile', () => {
  it('reads plain, exported, quoted and commented values', () => {
    const text = ['# comment', '', 'A=1', 'export B = two words # note', "C='lit\\n #x'", 'D="a\\nb \\"q\\""', 'E=', 'F=#hash'].join('\n');
    expect(parseEnvFile(text)).toEqual({ values: { A: '1', B: 'two words', C: 'lit\\n #x', D: 'a\nb "q"', E: '', F: '#hash' }, errors: [] });
  });

  it('reports malformed lines with their number instead of guessing', () => {
    expect(parseEnvFile('OK=1\nnot a pair\nQ="unterminated').errors).toEqual(['line 2: expected KEY=value', 'line 3: expected KEY=value']);
  });
});
