/**
 * The building blocks every screen uses: page frame, loading / empty / error states, tables, form
 * fields with their errors, badges, stat cards and a pager. Layout uses logical CSS properties so
 * the same markup is right in Arabic (RTL) and English.
 */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiError, type Loaded } from '../api.js';
import { useT } from '../i18n.js';
import { common } from './common-messages.js';

export function Page({ title, actions, children, wide }: { title: string; actions?: ComponentChildren; children: ComponentChildren; wide?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · HVAR Cycle`;
  }, [title]);
  return (
    <section class={wide ? 'page page-wide' : 'page'} aria-labelledby="page-title">
      <header class="page-head">
        <h1 id="page-title" ref={heading} tabIndex={-1}>
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

/** The API's problem details in words: title, detail, and each field's problem. */
export function ProblemBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT(common);
  if (!error) return null;
  const e = error instanceof ApiError ? error : new ApiError(0, t('error'), String((error as Error)?.message ?? error));
  const title = e.status === 0 ? t('network') : e.status === 403 ? t('forbidden') : e.status === 404 ? t('notFound') : e.title;
  return (
    <div class="problem" role="alert">
      <strong>{title}</strong>
      {e.detail && <p>{e.detail}</p>}
      {e.errors.length > 0 && (
        <>
          <p>{t('fieldProblems')}</p>
          <ul>
            {e.errors.map((f) => (
              <li key={f.path}>
                <code>{f.path || '—'}</code>: {f.message}
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

export function Badge({ tone = 'neutral', children }: { tone?: 'neutral' | 'good' | 'warn' | 'bad' | 'info'; children: ComponentChildren }) {
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
    <nav class="pager" aria-label="pagination">
      <button type="button" class="btn" disabled={!hasPrevious} onClick={onPrevious}>
        {t('previous')}
      </button>
      <button type="button" class="btn" disabled={!hasNext} onClick={onNext}>
        {t('next')}
      </button>
    </nav>
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
