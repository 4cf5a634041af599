import { Fragment, useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import { useT } from '../i18n';

/** A labelled text input with its error announced to assistive technology. */
/**
 * `required` marks the field for people and assistive technology (aria-required and a star)
 * but leaves judging to the station's own validation, so every message reads the same.
 */
export function TextField({
  label,
  error,
  hint,
  required,
  ...input
}: { label: string; error?: string | null; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="field">
      <FieldLabel htmlFor={id} label={label} required={required} />
      <input
        id={id}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        {...input}
      />
      {hint && !error && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      <FieldError id={id} error={error} />
    </div>
  );
}

export function SelectField({
  label,
  error,
  children,
  required,
  ...select
}: { label: string; error?: string | null; children: ReactNode } & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <div className="field">
      <FieldLabel htmlFor={id} label={label} required={required} />
      <select
        id={id}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...select}
      >
        {children}
      </select>
      <FieldError id={id} error={error} />
    </div>
  );
}

/** The label of a field, with a star for required fields that assistive technology skips (aria-required says it). */
function FieldLabel({ htmlFor, label, required }: { htmlFor: string; label: string; required?: boolean }) {
  return (
    <span className="label-row">
      <label htmlFor={htmlFor}>{label}</label>
      {required && (
        <span aria-hidden="true" className="required-mark">
          *
        </span>
      )}
    </span>
  );
}

/** Field-level message under an input, announced when it appears. */
function FieldError({ id, error }: { id: string; error?: string | null }) {
  if (!error) return null;
  return (
    <small id={`${id}-error`} className="field-error" role="alert">
      {error}
    </small>
  );
}

export function ErrorMessage({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p role="alert" className="error-box">
      {children}
    </p>
  );
}

export function SuccessMessage({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p role="status" className="success-box">
      {children}
    </p>
  );
}

/** Save and Cancel under an edit form of a settings list. */
export function SaveCancel({ saveLabel, onCancel }: { saveLabel: string; onCancel: () => void }) {
  const { t } = useT('labels');
  return (
    <div className="actions">
      <button type="submit" className="primary">
        {saveLabel}
      </button>
      <button type="button" onClick={onCancel}>
        {t('ui.cancel')}
      </button>
    </div>
  );
}

/** Keys as printed on the keyboard (the same on Japanese and Chinese keyboards). */
const KEY_CAPS: Record<string, string> = { alt: 'Alt', ctrl: 'Ctrl', enter: 'Enter', esc: 'Esc', n: 'N' };

/**
 * A translated sentence naming keys: its `{{enter}}`, `{{alt}}`… placeholders (left in by `t`
 * called without values) become <kbd> elements, so each language puts the keys where it says them.
 */
export function WithKeys({ text }: { text: string }) {
  const parts = text.split(/\{\{(\w+)\}\}/);
  return <>{parts.map((part, i) => (i % 2 === 1 ? <kbd key={i}>{KEY_CAPS[part] ?? part}</kbd> : <Fragment key={i}>{part}</Fragment>))}</>;
}
