/** One sorted block of (key, seq) pairs. */
interface Block {
  keys: number[];
  seqs: number[];
}

const BLOCK = 1024;

function less(k1: number, s1: number, k2: number, s2: number): boolean {
  return k1 < k2 || (k1 === k2 && s1 < s2);
}

/**
 * Entries (key, seq) kept sorted by key then seq, in blocks of about a thousand, so that insert,
 * remove and positional reads stay cheap at a million entries (a page of search results is a
 * positional slice: no sort per request).
 */
export class OrderedIndex {
  private blocks: Block[] = [];
  private count = 0;

  /** Number of entries. */
  get size(): number {
    return this.count;
  }

  /** Replaces the content with already-unsorted pairs (sorted here once). */
  load(pairs: { key: number; seq: number }[]): void {
    pairs.sort((a, b) => a.key - b.key || a.seq - b.seq);
    this.blocks = [];
    for (let i = 0; i < pairs.length; i += BLOCK) {
      const chunk = pairs.slice(i, i + BLOCK);
      this.blocks.push({ keys: chunk.map((p) => p.key), seqs: chunk.map((p) => p.seq) });
    }
    this.count = pairs.length;
  }

  /** Adds an entry. */
  insert(key: number, seq: number): void {
    if (this.blocks.length === 0) this.blocks.push({ keys: [], seqs: [] });
    const bi = this.blockFor(key, seq);
    const block = this.blocks[bi] as Block;
    const i = lowerIn(block, key, seq);
    block.keys.splice(i, 0, key);
    block.seqs.splice(i, 0, seq);
    this.count++;
    if (block.keys.length > 2 * BLOCK) {
      this.blocks.splice(bi + 1, 0, { keys: block.keys.splice(BLOCK), seqs: block.seqs.splice(BLOCK) });
    }
  }

  /** Removes an entry; false when absent. */
  remove(key: number, seq: number): boolean {
    const bi = this.blockFor(key, seq);
    const block = this.blocks[bi];
    if (!block) return false;
    const i = lowerIn(block, key, seq);
    if (block.keys[i] !== key || block.seqs[i] !== seq) return false;
    block.keys.splice(i, 1);
    block.seqs.splice(i, 1);
    this.count--;
    if (block.keys.length === 0 && this.blocks.length > 1) this.blocks.splice(bi, 1);
    return true;
  }

  /** Position of the first entry with key ≥ `key`. */
  lowerBound(key: number): number {
    let pos = 0;
    for (const block of this.blocks) {
      const last = block.keys[block.keys.length - 1];
      if (last === undefined || last < key) {
        pos += block.keys.length;
        continue;
      }
      return pos + lowerIn(block, key, Number.NEGATIVE_INFINITY);
    }
    return pos;
  }

  /** Seqs at ascending positions [start, start+count). */
  slice(start: number, count: number): number[] {
    const out: number[] = [];
    let skip = start;
    for (const block of this.blocks) {
      if (out.length >= count) break;
      if (skip >= block.seqs.length) {
        skip -= block.seqs.length;
        continue;
      }
      for (let i = skip; i < block.seqs.length && out.length < count; i++) out.push(block.seqs[i] as number);
      skip = 0;
    }
    return out;
  }

  /**
   * Visits the seqs at ascending positions [lo, hi), in ascending or descending order, until
   * `visit` returns false.
   */
  scanRange(lo: number, hi: number, descending: boolean, visit: (seq: number) => boolean): void {
    if (hi <= lo) return;
    if (!descending) {
      let pos = 0;
      for (const block of this.blocks) {
        const n = block.seqs.length;
        if (pos + n > lo) {
          for (let i = Math.max(0, lo - pos); i < n && pos + i < hi; i++) if (!visit(block.seqs[i] as number)) return;
        }
        pos += n;
        if (pos >= hi) return;
      }
      return;
    }
    let pos = this.count;
    for (let b = this.blocks.length - 1; b >= 0; b--) {
      const seqs = (this.blocks[b] as Block).seqs;
      pos -= seqs.length;
      if (pos >= hi) continue;
      for (let i = Math.min(seqs.length, hi - pos) - 1; i >= 0 && pos + i >= lo; i--) if (!visit(seqs[i] as number)) return;
      if (pos <= lo) return;
    }
  }

  private blockFor(key: number, seq: number): number {
    let lo = 0;
    let hi = this.blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const b = this.blocks[mid] as Block;
      const n = b.keys.length - 1;
      if (n >= 0 && less(b.keys[n] as number, b.seqs[n] as number, key, seq)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function lowerIn(block: Block, key: number, seq: number): number {
  let lo = 0;
  let hi = block.keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (less(block.keys[mid] as number, block.seqs[mid] as number, key, seq)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
