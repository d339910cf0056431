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

/** The frame every field shares: its label (marked optional unless required), hint, control, counter and error. */
function Field({ id, field, control, counter }: { id: string; field: FieldProps; control: ReactNode; counter: ReactNode }): ReactNode {
  return (
    <div className={`field${field.error ? ' field-invalid' : ''} ${field.className ?? ''}`}>
      <label htmlFor={id}>
        {field.label}
        {field.required ? null : <span className="optional"> (optional)</span>}
      </label>
      {field.hint ? (
        <p className="hint" id={`${id}-hint`}>
          {field.hint}
        </p>
      ) : null}
      {control}
      {counter}
      <FieldError id={`${id}-error`} message={field.error} />
    </div>
  );
}

const nearLimit = (field: FieldProps) => field.maxLength !== undefined && field.value.length > field.maxLength * 0.8;

/** A labelled text input with its hint and its error message right below it. */
export function TextField(
  props: FieldProps & { type?: 'text' | 'email' | 'password' | 'datetime-local' | 'date'; autoComplete?: string },
): ReactNode {
  const auto = useId();
  const id = props.id ?? auto;
  return (
    <Field
      id={id}
      field={props}
      control={
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
      }
      counter={
        nearLimit(props) ? (
          <p className="counter" aria-live="polite">
            {props.value.length.toLocaleString()} / {props.maxLength!.toLocaleString()} characters
          </p>
        ) : null
      }
    />
  );
}

export function TextArea(props: FieldProps & { rows?: number; counter?: boolean }): ReactNode {
  const auto = useId();
  const id = props.id ?? auto;
  const over = props.maxLength !== undefined && props.value.length > props.maxLength;
  return (
    <Field
      id={id}
      field={props}
      control={
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
      }
      counter={
        props.counter && nearLimit(props) ? (
          <p className={`counter${over ? ' counter-over' : ''}`}>
            {props.value.length.toLocaleString()} / {props.maxLength!.toLocaleString()} characters
          </p>
        ) : null
      }
    />
  );
}

/** A labelled drop-down with its error message right below it. */
export function SelectField(props: {
  id: string;
  label: string;
  value: string;
  error?: string;
  onChange(value: string): void;
  children: ReactNode;
}): ReactNode {
  const { id, error } = props;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => props.onChange(event.target.value)}
      >
        {props.children}
      </select>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** A form's submit button and the way out of it. */
export function SubmitOrCancel({ label, busy, onCancel }: { label: string; busy: boolean; onCancel(): void }): ReactNode {
  return (
    <div className="actions">
      <button type="submit" className="button button-primary" disabled={busy}>
        {label}
      </button>
      <button type="button" className="button-link" onClick={onCancel}>
        Cancel
      </button>
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

/** The bar atop every page; the dashboard adds who is signed in and its buttons. */
export function Brand({ className, children }: { className?: string; children?: ReactNode }): ReactNode {
  return (
    <header className={className ? `brand-bar ${className}` : 'brand-bar'}>
      <span className="brand">
        <span className="brand-mark" aria-hidden="true">
          ◆
        </span>{' '}
        Closer
      </span>
      {children}
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

/** The heading of a column of buttons: named for screen readers only. */
export const ACTIONS = <span className="sr-only">Actions</span>;

/**
 * A table with a heading per column and a caption for screen readers; `scroll` lets a wide one
 * scroll sideways on its own instead of the page.
 */
export function Table(props: {
  className?: string;
  caption?: string;
  columns: ReactNode[];
  scroll?: boolean;
  children: ReactNode;
}): ReactNode {
  const table = (
    <table className={props.className ?? 'table'}>
      {props.caption ? <caption className="sr-only">{props.caption}</caption> : null}
      <thead>
        <tr>
          {props.columns.map((column, index) => (
            <th key={index} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
  return props.scroll ? <div className="table-scroll">{table}</div> : table;
}
