/** A binary min-heap of (at, seq): the next due transition of each delivery. */
export class DueHeap {
  private ats: number[] = [];
  private seqs: number[] = [];

  /** Number of entries (stale ones included). */
  get size(): number {
    return this.ats.length;
  }

  /** Adds an entry. */
  push(at: number, seq: number): void {
    this.ats.push(at);
    this.seqs.push(seq);
    this.up(this.ats.length - 1);
  }

  /** Earliest `at`, or undefined when empty. */
  peekAt(): number | undefined {
    return this.ats[0];
  }

  /** Removes and returns the earliest entry. */
  pop(): { at: number; seq: number } | undefined {
    const n = this.ats.length;
    if (n === 0) return undefined;
    const top = { at: this.ats[0] as number, seq: this.seqs[0] as number };
    const lastAt = this.ats.pop() as number;
    const lastSeq = this.seqs.pop() as number;
    if (n > 1) {
      this.ats[0] = lastAt;
      this.seqs[0] = lastSeq;
      this.down(0);
    }
    return top;
  }

  /** Empties the heap. */
  clear(): void {
    this.ats = [];
    this.seqs = [];
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((this.ats[parent] as number) <= (this.ats[i] as number)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.ats.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && (this.ats[l] as number) < (this.ats[m] as number)) m = l;
      if (r < n && (this.ats[r] as number) < (this.ats[m] as number)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(a: number, b: number): void {
    const at = this.ats[a] as number;
    const seq = this.seqs[a] as number;
    this.ats[a] = this.ats[b] as number;
    this.seqs[a] = this.seqs[b] as number;
    this.ats[b] = at;
    this.seqs[b] = seq;
  }
}
