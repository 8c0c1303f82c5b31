const ARABIC_INDIC_ZERO = 0x0660;
const PERSIAN_ZERO = 0x06f0;
/** Separators people type inside phone numbers, plus invisible bidi marks copied from RTL text. */
const SEPARATORS = /[\s\-.()\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const EGYPT_MOBILE = /^1[0125]\d{8}$/;

/** Arabic-Indic (٠-٩) and Persian (۰-۹) digits → ASCII digits. */
export function toAsciiDigits(input: string): string {
  return input.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return String(code - (code >= PERSIAN_ZERO ? PERSIAN_ZERO : ARABIC_INDIC_ZERO));
  });
}

/** The national significant number (10 digits, `1X…`) of a cleaned digit string, or null. */
function nationalPart(digits: string, international: boolean): string | null {
  let rest = digits;
  if (international) {
    if (!rest.startsWith('20')) return null;
    rest = rest.slice(2);
    if (rest.length === 11 && rest.startsWith('0')) rest = rest.slice(1); // "+20 01X…" (trunk 0 kept)
  } else if (rest.length === 12 && rest.startsWith('20')) {
    rest = rest.slice(2);
  } else if (rest.length === 11 && rest.startsWith('0')) {
    rest = rest.slice(1);
  }
  return EGYPT_MOBILE.test(rest) ? rest : null;
}

/**
 * Any common spelling of an Egyptian mobile (01X…, 1X…, 201…, +20 1xx xxx xxxx, 00201…, Arabic or
 * Persian digits, spaces/dashes/dots/parentheses) → E.164 `+201XXXXXXXXX`; null if it is not one.
 */
export function normalizePhone(input: string): string | null {
  if (typeof input !== 'string') return null;
  const cleaned = toAsciiDigits(input).replace(SEPARATORS, '');
  let international = false;
  let digits = cleaned;
  if (digits.startsWith('+')) {
    international = true;
    digits = digits.slice(1);
  } else if (digits.startsWith('00')) {
    international = true;
    digits = digits.slice(2);
  }
  if (!/^\d+$/.test(digits)) return null;
  const national = nationalPart(digits, international);
  return national === null ? null : `+20${national}`;
}

/** Any accepted spelling → the local `01XXXXXXXXX` form Bosta expects on create; null if invalid. */
export function toBostaPhone(input: string): string | null {
  const e164 = normalizePhone(input);
  return e164 === null ? null : `0${e164.slice(3)}`;
}
