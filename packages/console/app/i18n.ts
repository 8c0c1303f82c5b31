/**
 * Arabic and English. Each screen declares its own messages with `messages({ en, ar })` (the Arabic
 * table must have every English key: the type checker enforces it) and reads them with `useT(m)`.
 * The language is kept in localStorage; switching sets `<html lang dir>` so the whole layout flips
 * right-to-left, and every component that called `useLang` re-renders.
 */
import { useEffect, useState } from 'preact/hooks';

export type Lang = 'en' | 'ar';
const STORAGE_KEY = 'hvar.lang';
const listeners = new Set<(lang: Lang) => void>();

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'ar') return saved;
  } catch {
    // storage blocked: fall back to the browser's language
  }
  return navigator.language.toLowerCase().startsWith('ar') ? 'ar' : 'en';
}

let current: Lang = initialLang();
applyToDocument(current);

function applyToDocument(lang: Lang): void {
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
}

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang): void {
  if (lang === current) return;
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not persisted; still switched for this page
  }
  applyToDocument(lang);
  for (const listener of listeners) listener(lang);
}

/** The current language; the component re-renders when it changes. */
export function useLang(): Lang {
  const [lang, set] = useState(current);
  useEffect(() => {
    listeners.add(set);
    set(current);
    return () => void listeners.delete(set);
  }, []);
  return lang;
}

export interface Messages<K extends string> {
  en: Record<K, string>;
  ar: Record<K, string>;
}

/** Declares a screen's messages; `{name}` placeholders are filled by `t(key, { name })`. */
export function messages<K extends string>(table: { en: Record<K, string>; ar: NoInfer<Record<K, string>> }): Messages<K> {
  return table;
}

export type Translate<K extends string> = (key: K, vars?: Record<string, string | number>) => string;

export function translate<K extends string>(m: Messages<K>, lang: Lang): Translate<K> {
  return (key, vars) => {
    const text = m[lang][key] ?? m.en[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
  };
}

/** `t` for this component's messages in the current language. */
export function useT<K extends string>(m: Messages<K>): Translate<K> {
  return translate(m, useLang());
}

/** Intl locale for a language (Western digits in Arabic, as Egyptian operators write them). */
export function locale(lang: Lang = current): string {
  return lang === 'ar' ? 'ar-EG-u-nu-latn' : 'en-GB';
}

export function formatNumber(value: number | null | undefined, opts: Intl.NumberFormatOptions = {}): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(locale(), opts).format(value);
}

export function formatMoney(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return `${formatNumber(value, { minimumFractionDigits: 0, maximumFractionDigits: 2 })} ${current === 'ar' ? 'ج.م' : 'EGP'}`;
}

export function formatDate(value: string | null | undefined, withTime = true): string {
  if (!value) return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(locale(), withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' }).format(d);
}

export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined) return '—';
  return formatNumber(ratio, { style: 'percent', maximumFractionDigits: 1 });
}
