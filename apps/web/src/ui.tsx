import { type ReactNode, useId } from 'react';

interface FieldProps {
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  value: string;
  onChange(value: string): void;
  required?: boolean;
  maxLength?: number;
  className?: string;
}

function describedBy(...ids: unknown[]): string | undefined {
  const list = ids.filter((id) => typeof id === 'string' && id).join(' ');
  return list || undefined;
}

/** A labelled text input with its hint and its error message right below it. */
export function TextField(
  props: FieldProps & { type?: 'text' | 'email' | 'password' | 'datetime-local' | 'date'; autoComplete?: string },
): ReactNode {
  const auto = useId();
  const id = props.id ?? auto;
  return (
    <div className={`field${props.error ? ' field-invalid' : ''} ${props.className ?? ''}`}>
      <label htmlFor={id}>
        {props.label}
        {props.required ? null : <span className="optional"> (optional)</span>}
      </label>
      {props.hint ? (
        <p className="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <input
        id={id}
        name={id}
        type={props.type ?? 'text'}
        value={props.value}
        autoComplete={props.autoComplete}
        required={props.required}
        maxLength={props.maxLength}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(props.hint && `${id}-hint`, props.error && `${id}-error`)}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {props.maxLength !== undefined && props.value.length > props.maxLength * 0.8 ? (
        <p className="counter" aria-live="polite">
          {props.value.length.toLocaleString()} / {props.maxLength.toLocaleString()} characters
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={props.error} />
    </div>
  );
}

export function TextArea(props: FieldProps & { rows?: number; counter?: boolean }): ReactNode {
  const auto = useId();
  const id = props.id ?? auto;
  const over = props.maxLength !== undefined && props.value.length > props.maxLength;
  return (
    <div className={`field${props.error ? ' field-invalid' : ''} ${props.className ?? ''}`}>
      <label htmlFor={id}>
        {props.label}
        {props.required ? null : <span className="optional"> (optional)</span>}
      </label>
      {props.hint ? (
        <p className="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <textarea
        id={id}
        name={id}
        rows={props.rows ?? 4}
        value={props.value}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(props.hint && `${id}-hint`, props.error && `${id}-error`)}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {props.counter && props.maxLength !== undefined && props.value.length > props.maxLength * 0.8 ? (
        <p className={`counter${over ? ' counter-over' : ''}`}>
          {props.value.length.toLocaleString()} / {props.maxLength.toLocaleString()} characters
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={props.error} />
    </div>
  );
}

export function FieldError({ id, message }: { id: string; message?: string }): ReactNode {
  if (!message) return null;
  return (
    <p className="field-error" id={id}>
      <span aria-hidden="true">! </span>
      {message}
    </p>
  );
}

export function Alert({ children }: { children: ReactNode }): ReactNode {
  return (
    <div className="alert" role="alert">
      {children}
    </div>
  );
}

export function Status({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'ok' | 'warn' }): ReactNode {
  return (
    <div className={`notice notice-${tone}`} role="status">
      {children}
    </div>
  );
}

export function Brand(): ReactNode {
  return (
    <header className="brand-bar">
      <span className="brand">
        <span className="brand-mark" aria-hidden="true">
          ◆
        </span>{' '}
        Closer
      </span>
    </header>
  );
}

/** A full page that explains why there is nothing to show, and what to do next. */
export function MessagePage({ title, children }: { title: string; children: ReactNode }): ReactNode {
  return (
    <>
      <Brand />
      <main className="page page-narrow" id="main">
        <h1>{title}</h1>
        {children}
      </main>
    </>
  );
}

export function Loading({ label }: { label: string }): ReactNode {
  return (
    <>
      <Brand />
      <main className="page page-narrow" id="main" aria-busy="true">
        <p className="loading" role="status">
          {label}
        </p>
      </main>
    </>
  );
}
