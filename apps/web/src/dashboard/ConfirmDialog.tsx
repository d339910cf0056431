import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';

export interface ConfirmOptions {
  /** The question, e.g. "Cancel Casey’s session?" */
  title: string;
  /** What will happen, stated plainly: who is emailed, what stops, whether it can be undone. */
  consequence: string;
  /** The action's own words, e.g. "Cancel the session". */
  confirmLabel: string;
  /** The way back, e.g. "Keep the session": it changes nothing. */
  dismissLabel: string;
  destructive?: boolean;
}

interface Pending extends ConfirmOptions {
  resolve(confirmed: boolean): void;
  /** Where focus returns when the dialog closes. */
  opener: HTMLElement | null;
}

/**
 * A modal `<dialog>` asking for confirmation with the consequence stated. Focus starts on the way
 * back (the safe choice), Escape closes it as a "no", and focus returns to the button that opened it.
 */
export function useConfirm(): [ReactNode, (options: ConfirmOptions) => Promise<boolean>] {
  const [pending, setPending] = useState<Pending | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const dismiss = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    if (!pending || !dialog.current) return;
    if (!dialog.current.open) dialog.current.showModal();
    dismiss.current?.focus();
  }, [pending]);

  const close = useCallback(
    (confirmed: boolean) => {
      if (!pending) return;
      dialog.current?.close();
      setPending(null);
      pending.opener?.focus();
      pending.resolve(confirmed);
    },
    [pending],
  );

  const confirm = useCallback(
    (options: ConfirmOptions) =>
      new Promise<boolean>((resolve) => {
        const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        setPending({ ...options, resolve, opener });
      }),
    [],
  );

  const element = pending ? (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        close(false);
      }}
    >
      <h2 id={titleId}>{pending.title}</h2>
      <p id={bodyId}>{pending.consequence}</p>
      <div className="confirm-actions">
        <button ref={dismiss} type="button" className="button button-secondary" onClick={() => close(false)}>
          {pending.dismissLabel}
        </button>
        <button
          type="button"
          className={`button ${pending.destructive ? 'button-danger' : 'button-primary'}`}
          onClick={() => close(true)}
          data-testid="confirm-action"
        >
          {pending.confirmLabel}
        </button>
      </div>
    </dialog>
  ) : null;
  return [element, confirm];
}
