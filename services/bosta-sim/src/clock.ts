/**
 * The simulator's clock. Sim time runs at `speed` sim ms per real ms from a starting instant
 * (0 = frozen) and jumps forward with `advance`. `now()` never goes backwards.
 */
export class SimClock {
  private readonly realStart: number;
  private offset = 0;

  constructor(
    private readonly start: number,
    readonly speed: number,
    private readonly realNow: () => number = Date.now,
  ) {
    this.realStart = realNow();
  }

  /** Current sim time (epoch ms). */
  now(): number {
    return this.start + (this.realNow() - this.realStart) * this.speed + this.offset;
  }

  /** Moves sim time forward by `ms`. */
  advance(ms: number): void {
    if (ms > 0) this.offset += ms;
  }

  /** Real ms until sim time reaches `at` (Infinity when the clock is frozen). */
  realMsUntil(at: number): number {
    if (this.speed <= 0) return Number.POSITIVE_INFINITY;
    return Math.max(0, (at - this.now()) / this.speed);
  }
}
