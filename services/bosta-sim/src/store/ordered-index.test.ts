import { describe, expect, it } from 'vitest';
import { createRng } from '../domain/rng.js';
import { OrderedIndex } from './ordered-index.js';

type Pair = { key: number; seq: number };
const cmp = (a: Pair, b: Pair): number => a.key - b.key || a.seq - b.seq;

describe('OrderedIndex', () => {
  it('stays sorted under random inserts and removes, with positional reads and ranges', () => {
    const rng = createRng(4);
    const index = new OrderedIndex();
    const initial: Pair[] = Array.from({ length: 5_000 }, (_, seq) => ({ key: rng.int(0, 2_000), seq }));
    index.load([...initial]);
    let model = [...initial].sort(cmp);
    for (let i = 0; i < 6_000; i++) {
      if (rng.chance(0.5) && model.length > 0) {
        const victim = model[rng.int(0, model.length - 1)] as Pair;
        expect(index.remove(victim.key, victim.seq)).toBe(true);
        model = model.filter((p) => p !== victim);
      } else {
        const p = { key: rng.int(0, 2_000), seq: 10_000 + i };
        index.insert(p.key, p.seq);
        model.push(p);
        model.sort(cmp);
      }
    }
    // A hot spot: enough entries in one block to make it split.
    for (let i = 0; i < 3_000; i++) {
      const p = { key: rng.int(0, 3), seq: 50_000 + i };
      index.insert(p.key, p.seq);
      model.push(p);
    }
    model.sort(cmp);
    expect(index.size).toBe(model.length);
    expect(index.slice(0, model.length)).toEqual(model.map((p) => p.seq));
    expect(index.slice(123, 7)).toEqual(model.slice(123, 130).map((p) => p.seq));
    expect(index.remove(99_999, 1)).toBe(false);
    const lo = index.lowerBound(500);
    const hi = index.lowerBound(1_500);
    expect(lo).toBe(model.findIndex((p) => p.key >= 500));
    expect(hi).toBe(model.findIndex((p) => p.key >= 1_500));
    const asc: number[] = [];
    index.scanRange(lo, hi, false, (s) => asc.push(s) > 0);
    expect(asc).toEqual(model.slice(lo, hi).map((p) => p.seq));
    const desc: number[] = [];
    index.scanRange(lo, hi, true, (s) => desc.push(s) > 0);
    expect(desc).toEqual(model.slice(lo, hi).map((p) => p.seq).reverse());
    const firstThree: number[] = [];
    index.scanRange(0, index.size, true, (s) => firstThree.push(s) < 3);
    expect(firstThree).toEqual(model.slice(-3).map((p) => p.seq).reverse());
  });
});
