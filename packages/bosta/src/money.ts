const DECIMAL = /^\s*([+-])?(\d+)(?:\.(\d+))?\s*$/;

/**
 * EGP amount (number or numeric string such as "63.95") → integer piastres, rounded half away from
 * zero at the third decimal. Returns null for anything that is not a finite number.
 */
export function toPiastres(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? roundHalfAway(value * 100) : null;
  if (typeof value !== 'string') return null;
  const m = DECIMAL.exec(value);
  if (!m) return null;
  const [, sign, whole = '0', frac = ''] = m;
  // Exact string arithmetic: "1186.05" must not become 118604.99999.
  const cents = Number(whole) * 100 + Number((frac + '00').slice(0, 2));
  const roundUp = frac.length > 2 && Number(frac[2]) >= 5 ? 1 : 0;
  const total = cents + roundUp;
  return sign === '-' && total !== 0 ? -total : total;
}

function roundHalfAway(x: number): number {
  const r = Math.sign(x) * Math.round(Math.abs(x) + 1e-9);
  return r === 0 ? 0 : r;
}
