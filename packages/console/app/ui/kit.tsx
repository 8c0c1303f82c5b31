/**
 * The building blocks every screen uses: page frame, loading / empty / error states, tables, form
 * fields with their errors, facts, badges, stat cards, a pager, and the API's English text and phone
 * numbers kept left to right inside Arabic. Layout uses logical CSS properties so
 * the same markup is right in Arabic (RTL) and English.
 */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiError, type FieldError, type Loaded } from '../api.js';
import { formatNumber, setLang, useLang, useT } from '../i18n.js';
import { common } from './common-messages.js';

export function Page({ title, actions, children, wide }: { title: string; actions?: ComponentChildren; children: ComponentChildren; wide?: boolean }) {
  useEffect(() => {
    document.title = `${title} · HVAR Cycle`;
  }, [title]);
  return (
    <section class={wide ? 'page page-wide' : 'page'} aria-labelledby="page-title">
      <header class="page-head">
        <h1 id="page-title" tabIndex={-1}>
          {title}
        </h1>
        {actions && <div class="page-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

export function Loading({ label }: { label?: string }) {
  const t = useT(common);
  return (
    <p class="state state-loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> {label ?? t('loading')}
    </p>
  );
}

export function Empty({ children }: { children?: ComponentChildren }) {
  const t = useT(common);
  return <p class="state state-empty">{children ?? t('empty')}</p>;
}

/**
 * A problem in words: for the statuses the console can name (network, still queued, forbidden, not
 * found) its own words, otherwise the API's problem details (title, detail, each field's problem),
 * which are English and marked so inside an Arabic page.
 */
export function ProblemBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT(common);
  if (!error) return null;
  let title: ComponentChildren;
  let detail: string | undefined;
  let fields: FieldError[] = [];
  if (error instanceof ApiError) {
    const own: string | undefined = ({ 0: t('network'), 202: t('stillRunning'), 403: t('forbidden'), 404: t('notFound') } as Record<number, string>)[error.status];
    title = own ?? <ApiText>{error.title}</ApiText>;
    // A network failure's detail is the console's own English sentence: the title already says it.
    detail = error.status === 0 || error.status === 202 ? undefined : error.detail;
    fields = error.errors;
  } else {
    title = t('error');
    detail = String((error as Error)?.message ?? error);
  }
  return (
    <div class="problem" role="alert">
      <strong>{title}</strong>
      {detail && (
        <p>
          <ApiText>{detail}</ApiText>
        </p>
      )}
      {fields.length > 0 && (
        <>
          <p>{t('fieldProblems')}</p>
          <ul>
            {fields.map((f) => (
              <li key={f.path}>
                <code>{f.path || '—'}</code>: <ApiText>{f.message}</ApiText>
              </li>
            ))}
          </ul>
        </>
      )}
      {onRetry && (
        <button type="button" class="btn" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

/** Text the API writes (problem details, reasons, notes): English, kept left to right inside an Arabic page. */
export function ApiText({ children }: { children: ComponentChildren }) {
  return (
    <span lang="en" dir="ltr">
      {children}
    </span>
  );
}

/** A phone number: kept left to right and on one line inside Arabic text. */
export function PhoneText({ phone }: { phone: string }) {
  return (
    <bdi dir="ltr" class="phone">
      {phone}
    </bdi>
  );
}

/** Loading → error → empty → content, for one `useApi` result. */
export function Async<T>({ state, empty, children }: { state: Loaded<T>; empty?: (data: T) => boolean; children: (data: T) => ComponentChildren }) {
  if (state.error) return <ProblemBox error={state.error} onRetry={state.reload} />;
  if (state.data === undefined) return <Loading />;
  if (empty?.(state.data)) return <Empty />;
  return <>{children(state.data)}</>;
}

export interface Column<R> {
  key: string;
  label: string;
  render: (row: R) => ComponentChildren;
  numeric?: boolean;
}

export function Table<R>({ caption, columns, rows, rowKey, empty }: { caption: string; columns: Column<R>[]; rows: R[]; rowKey: (row: R) => string; empty?: ComponentChildren }) {
  if (rows.length === 0) return <Empty>{empty}</Empty>;
  return (
    <div class="table-wrap">
      <table>
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" class={c.numeric ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)}>
              {columns.map((c) => (
                <td key={c.key} class={c.numeric ? 'num' : undefined}>
                  {c.render(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

let fieldSeq = 0;
/** A stable id for a label/field pair. */
export function useId(prefix = 'f'): string {
  const ref = useRef<string>();
  ref.current ??= `${prefix}-${++fieldSeq}`;
  return ref.current;
}

/** A labelled form control; `error` (from the API's field errors) is announced with it. */
export function Field({ label, error, hint, children, id }: { label: string; error?: string; hint?: string; id: string; children: ComponentChildren }) {
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id}>{label}</label>
      {children}
      {hint && <small id={`${id}-hint`}>{hint}</small>}
      {error && (
        <small id={`${id}-error`} class="field-problem">
          {error}
        </small>
      )}
    </div>
  );
}

/** The API's message for a field path (e.g. `customer_phone`), if any. */
export function fieldError(error: unknown, path: string): string | undefined {
  return error instanceof ApiError ? error.errors.find((e) => e.path === path || e.path.endsWith(`.${path}`))?.message : undefined;
}

/** One fact of a `dl.facts` list; nothing when the value is empty (null, undefined or ''). */
export function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  if (children === null || children === undefined || children === '') return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** Label and value pairs as a definition list (empty values left out). */
export function FactList({ rows }: { rows: [label: string, value: ComponentChildren][] }) {
  return (
    <dl class="facts">
      {rows.map(([label, value]) => (
        <Fact key={label} label={label}>
          {value}
        </Fact>
      ))}
    </dl>
  );
}

/** Says that a list read in one request (a work queue) shows only its first `shown` items. */
export function FirstPageOnly({ shown, more }: { shown: number; more: boolean }) {
  const t = useT(common);
  return more ? <p class="notice">{t('firstOnly', { n: formatNumber(shown) })}</p> : null;
}

/** A badge's colour: each passes WCAG AA contrast on white (styles.css). */
export type Tone = 'neutral' | 'good' | 'warn' | 'bad' | 'info';

export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: ComponentChildren }) {
  return <span class={`badge badge-${tone}`}>{children}</span>;
}

export function StatCard({ label, value, hint }: { label: string; value: ComponentChildren; hint?: ComponentChildren }) {
  return (
    <div class="stat">
      <span class="stat-label">{label}</span>
      <strong class="stat-value">{value}</strong>
      {hint && <span class="stat-hint">{hint}</span>}
    </div>
  );
}

export function Pager({ hasPrevious, hasNext, onPrevious, onNext }: { hasPrevious: boolean; hasNext: boolean; onPrevious: () => void; onNext: () => void }) {
  const t = useT(common);
  return (
    <nav class="pager" aria-label={t('pagination')}>
      <button type="button" class="btn" disabled={!hasPrevious} onClick={onPrevious}>
        {t('previous')}
      </button>
      <button type="button" class="btn" disabled={!hasNext} onClick={onNext}>
        {t('next')}
      </button>
    </nav>
  );
}

/** The language switch: it names the other language in that language (not translated on purpose). */
export function LangSwitch({ plain = false }: { plain?: boolean }) {
  const other = useLang() === 'ar' ? 'en' : 'ar';
  return (
    <button type="button" class={plain ? 'btn btn-plain' : 'btn'} lang={other} onClick={() => setLang(other)}>
      {other === 'ar' ? 'العربية' : 'English'}
    </button>
  );
}

export type ButtonProps = JSX.HTMLAttributes<HTMLButtonElement> & { kind?: 'primary' | 'secondary' | 'danger' | 'plain'; busy?: boolean; type?: 'button' | 'submit'; disabled?: boolean };

export function Button({ kind = 'plain', busy, children, disabled, type = 'button', ...rest }: ButtonProps) {
  return (
    <button type={type} class={kind === 'secondary' ? 'btn' : `btn btn-${kind}`} disabled={disabled || busy} aria-busy={busy ? 'true' : undefined} {...rest}>
      {children}
    </button>
  );
}
