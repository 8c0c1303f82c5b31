/** Piastres of an EGP amount, or undefined when it has more than 2 decimals or is out of range. */
export function piastresOf(egp: number): number | undefined {
  if (!Number.isFinite(egp)) return undefined;
  const piastres = Math.round(egp * 100);
  if (Math.abs(piastres - egp * 100) > 1e-6 || !Number.isSafeInteger(piastres)) return undefined;
  return piastres;
}

/** An amount in piastres as EGP (a number with at most 2 decimals). */
export function egpOf(piastres: number): number {
  return piastres / 100;
}

/** An amount in piastres written as EGP with 2 decimals, e.g. `500.01` or `-0.01`. */
export function formatEgp(piastres: number): string {
  const sign = piastres < 0 ? '-' : '';
  const abs = Math.abs(piastres);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
