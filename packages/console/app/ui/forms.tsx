/**
 * Form helpers every screen shares: one submission at a time with its busy and error state, reading
 * typed values into the API's body (an empty field is left out or sent as null, never as ''), labelled
 * text and select fields wired to the API's error for them, Enter to submit, and taking the keyboard
 * user to what the API found wrong.
 */
import { useRef, useState } from 'preact/hooks';
import { Field } from './kit.js';

/**
 * A form's submission: `submit` (the form's onSubmit) runs `run` once at a time (a second Enter or
 * click meanwhile is ignored), `busy` while it runs, `error` what it failed with (the ProblemBox and
 * the fields show it) until the next try.
 */
export function useSubmit(run: () => Promise<void>): { submit: (e?: Event) => Promise<void>; busy: boolean; error: unknown } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const running = useRef(false);
  const submit = async (e?: Event) => {
    e?.preventDefault();
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setError(undefined);
    try {
      await run();
    } catch (err) {
      setError(err);
    } finally {
      running.current = false;
      setBusy(false);
    }
  };
  return { submit, busy, error };
}

/** A number typed in a field, or undefined when it is empty (or not a number: the API then names it missing). */
export function numberOrUndefined(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** Typed text, trimmed; undefined when empty (the field is left out of the body). */
export const textOrUndefined = (text: string): string | undefined => text.trim() || undefined;

/** Typed text, trimmed; null when empty (the field is cleared). */
export const textOrNull = (text: string): string | null => text.trim() || null;

/** Only the filled-in fields (optional text fields of the API take no empty strings). */
export function filled(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
}

/**
 * `aria-*` of the control of a `Field` with this `id`: invalid while the API's `error` for it shows,
 * described by its hint (when it has one), its error, and any other element (`also`).
 */
export function invalidProps(id: string, error: string | undefined, opts: { hint?: unknown; also?: string } = {}) {
  const describedBy = [opts.also, opts.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return { 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': describedBy };
}

/** Enter submits from any field but a textarea (there Ctrl/Cmd+Enter does); selects included. */
export function submitOnEnter(e: KeyboardEvent): void {
  if (e.key !== 'Enter' || e.isComposing) return;
  const target = e.target as HTMLElement;
  const ctrl = e.ctrlKey || e.metaKey;
  if (target.tagName === 'BUTTON' || target.tagName === 'A') return;
  if (target.tagName === 'TEXTAREA' && !ctrl) return;
  const form = (e.currentTarget as HTMLElement).closest('form');
  if (!form) return;
  e.preventDefault();
  form.requestSubmit();
}

/** Moves focus to the first field the API found wrong, else to the problem (`.problem-anchor`): keyboard users land on what to fix. */
export function focusProblem(container: HTMLElement | null): void {
  requestAnimationFrame(() => {
    const invalid = container?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? container?.querySelector<HTMLElement>('.problem-anchor'))?.focus();
  });
}

/** A labelled text input (or textarea) wired to its hint and to the API's error for its field. */
export function TextField(props: {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string;
  hint?: string;
  multiline?: boolean;
  type?: 'text' | 'tel' | 'number' | 'email';
  dir?: 'ltr';
  required?: boolean;
  step?: string;
  autoFocus?: boolean;
}) {
  const { id, error, hint } = props;
  const shared = {
    id, name: id, value: props.value, dir: props.dir, ...invalidProps(id, error, { hint }),
    'aria-required': props.required ? ('true' as const) : undefined, autoFocus: props.autoFocus,
  };
  return (
    <Field id={id} label={props.label} error={error} hint={hint}>
      {props.multiline ? (
        <textarea {...shared} onInput={(e) => props.onValue(e.currentTarget.value)} />
      ) : (
        <input {...shared} type={props.type ?? 'text'} step={props.step} autocomplete="off" onInput={(e) => props.onValue(e.currentTarget.value)} />
      )}
    </Field>
  );
}

/** A labelled select of `options` ([value, label]); `none` labels the empty choice (none: no empty choice). */
export function SelectField(props: {
  id: string;
  label: string;
  value: string;
  options: readonly (readonly [value: string, label: string])[];
  onChange: (value: string) => void;
  none?: string;
  error?: string;
}) {
  const { id, error } = props;
  return (
    <Field id={id} label={props.label} error={error}>
      <select id={id} value={props.value} {...invalidProps(id, error)} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {props.none !== undefined && <option value="">{props.none}</option>}
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </Field>
  );
}
