import { inRange } from './cod-range.js';
import { isContradictory, type CompiledRule } from './compile-rules.js';
import type { OrderFacts } from './rule-set-problem.js';

/**
 * Exact reachability and completeness of an ordered rule list.
 *
 * Every order falls in one cell of a finite partition: its type is one of the type codes some rule
 * names or "any other" (all others behave alike), the same for its state, and its COD lies in one of
 * the elementary ranges cut by every rule's bounds (all amounts of a range behave alike). Values that
 * every rule treats the same are merged into one class, so the partition stays small. Deciding, for
 * each cell, which rule matches first answers exactly which rules can ever win and which orders no
 * rule matches.
 */
export interface Coverage {
  /** Per rule (by index): an order it classifies, or null when earlier rules always win first. */
  witnesses: (OrderFacts | null)[];
  /** Orders matched by no rule, one per uncovered class (at most `maxGaps`). */
  gaps: OrderFacts[];
}

/** One dimension of the partition: a representative value per class and which rules match it. */
interface Dimension {
  reps: number[];
  /** matches[rule][class] */
  matches: boolean[][];
}

/** Analyses the rules' coverage (see `Coverage`). */
export function analyzeCoverage(rules: readonly CompiledRule[], maxGaps = 3): Coverage {
  const live = rules.map((r) => !isContradictory(r));
  const types = codeDimension(rules.map((r) => r.types));
  const states = codeDimension(rules.map((r) => r.states));
  const cods = codDimension(rules);
  const stateBits = states.matches.map((m) => toBits(m));
  const witnesses: (OrderFacts | null)[] = rules.map(() => null);
  const gaps: OrderFacts[] = [];
  const fact = (t: number, s: number, c: number): OrderFacts => ({
    type_code: at(types.reps, t), state_code: at(states.reps, s), cod_piastres: at(cods.reps, c),
  });
  for (let t = 0; t < types.reps.length; t++) {
    for (let c = 0; c < cods.reps.length; c++) {
      const remaining = toBits(states.reps.map(() => true));
      for (let i = 0; i < rules.length && !isZero(remaining); i++) {
        if (!live[i] || !types.matches[i]?.[t] || !cods.matches[i]?.[c]) continue;
        const mine = at(stateBits, i);
        const won = firstCommonBit(remaining, mine);
        if (won < 0) continue;
        witnesses[i] ??= fact(t, won, c);
        clearBits(remaining, mine);
      }
      const gap = firstBit(remaining);
      if (gap >= 0 && gaps.length < maxGaps) gaps.push(fact(t, gap, c));
    }
  }
  return { witnesses, gaps };
}

/**
 * The earlier rules that match first every order rule `index` matches (why it is unreachable): for
 * each of its cells, the rule that wins it.
 */
export function shadowingRules(rules: readonly CompiledRule[], index: number): number[] {
  const target = rules[index];
  if (!target || isContradictory(target)) return [];
  const types = codeDimension(rules.map((r) => r.types));
  const states = codeDimension(rules.map((r) => r.states));
  const cods = codDimension(rules);
  const stateBits = states.matches.map((m) => toBits(m));
  const winners = new Set<number>();
  for (let t = 0; t < types.reps.length; t++) {
    if (!types.matches[index]?.[t]) continue;
    for (let c = 0; c < cods.reps.length; c++) {
      if (!cods.matches[index]?.[c]) continue;
      const remaining = Uint32Array.from(at(stateBits, index));
      for (let i = 0; i < index && !isZero(remaining); i++) {
        if (isContradictory(at(rules, i)) || !types.matches[i]?.[t] || !cods.matches[i]?.[c]) continue;
        if (firstCommonBit(remaining, at(stateBits, i)) < 0) continue;
        winners.add(i);
        clearBits(remaining, at(stateBits, i));
      }
    }
  }
  return [...winners].sort((a, b) => a - b);
}

/** Classes of a code dimension (types or states): the codes rules name, plus one "any other" code. */
function codeDimension(sets: readonly (ReadonlySet<number> | null)[]): Dimension {
  const named = new Set<number>();
  for (const set of sets) for (const code of set ?? []) named.add(code);
  const candidates = [...named].sort((a, b) => a - b);
  candidates.push(unnamedCode(named));
  return classesOf(candidates, (code) => sets.map((set) => set === null || set.has(code)));
}

/** Classes of COD amounts: the elementary ranges between every bound of every rule. */
function codDimension(rules: readonly CompiledRule[]): Dimension {
  const cuts = new Set<number>();
  for (const rule of rules) {
    if (!rule.cod || isContradictory(rule)) continue;
    if (Number.isFinite(rule.cod.lo)) cuts.add(rule.cod.lo);
    if (Number.isFinite(rule.cod.hi)) cuts.add(rule.cod.hi + 1);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  // Each elementary range is represented by its first amount; the open range below the first cut by the amount just below it.
  const reps = sorted.length === 0 ? [0] : [at(sorted, 0) - 1, ...sorted];
  return classesOf(reps, (amount) => rules.map((r) => r.cod === null || (!isContradictory(r) && inRange(r.cod, amount))));
}

/** Merges candidate values that every rule treats alike; the first of each class represents it. */
function classesOf(candidates: number[], signature: (value: number) => boolean[]): Dimension {
  const seen = new Map<string, number>();
  const reps: number[] = [];
  const columns: boolean[][] = [];
  for (const value of candidates) {
    const sig = signature(value);
    const key = sig.map((b) => (b ? '1' : '0')).join('');
    if (seen.has(key)) continue;
    seen.set(key, reps.length);
    reps.push(value);
    columns.push(sig);
  }
  const ruleCount = columns[0]?.length ?? 0;
  const matches = Array.from({ length: ruleCount }, (_, rule) => columns.map((col) => col[rule] === true));
  return { reps, matches };
}

/** The smallest non-negative code no rule names (stands for every such code). */
function unnamedCode(named: ReadonlySet<number>): number {
  let code = 0;
  while (named.has(code)) code++;
  return code;
}

function at<T>(list: readonly T[], i: number): T {
  const value = list[i];
  if (value === undefined) throw new Error(`index ${i} out of range`);
  return value;
}

function toBits(flags: readonly boolean[]): Uint32Array {
  const bits = new Uint32Array(Math.max(1, Math.ceil(flags.length / 32)));
  flags.forEach((on, i) => {
    if (on) bits[i >>> 5] = (bits[i >>> 5] ?? 0) | (1 << (i & 31));
  });
  return bits;
}

function isZero(bits: Uint32Array): boolean {
  return bits.every((w) => w === 0);
}

function firstBit(bits: Uint32Array): number {
  for (let w = 0; w < bits.length; w++) {
    const word = bits[w] ?? 0;
    if (word !== 0) return w * 32 + (31 - Math.clz32(word & -word));
  }
  return -1;
}

function firstCommonBit(a: Uint32Array, b: Uint32Array): number {
  for (let w = 0; w < a.length; w++) {
    const word = (a[w] ?? 0) & (b[w] ?? 0);
    if (word !== 0) return w * 32 + (31 - Math.clz32(word & -word));
  }
  return -1;
}

function clearBits(target: Uint32Array, mask: Uint32Array): void {
  for (let w = 0; w < target.length; w++) target[w] = (target[w] ?? 0) & ~(mask[w] ?? 0);
}
