import type { LegKind } from './status.js';

/**
 * The `uniqueBusinessReference` of a leg: the case number, the leg's letter and its attempt, e.g.
 * `SA-2026-000042-P1` (first pickup), `SA-2026-000042-P2` (the pickup requested again after a
 * failure), `SA-2026-000042-O1` (first outbound delivery). Derived only from what identifies the
 * leg, so every retry, crash recovery or duplicated message sends the same one and Bosta refuses a
 * second delivery; a new attempt gets a new one (Bosta keeps a terminated delivery's reference).
 */
export function legReference(caseNumber: string, leg: LegKind, attempt: number): string {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be a positive integer, got ${attempt}`);
  const ref = `${caseNumber.trim()}-${leg === 'pickup' ? 'P' : 'O'}${attempt}`;
  if (caseNumber.trim() === '' || ref.length > 100) throw new RangeError(`no valid Bosta reference from case number "${caseNumber}"`);
  return ref;
}
