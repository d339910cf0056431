import { type FormEvent, type ReactNode, useRef, useState } from 'react';

import { FieldError } from '../ui';

/** "I can't give feedback on this session": a panel, opened on request, that declines the form with a reason. */
export function DeclinePanel(props: {
  reason: string;
  onReasonChange(reason: string): void;
  busy: boolean;
  onDecline(refused: (message: string | undefined) => void): Promise<void>;
}): ReactNode {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const reasonRef = useRef<HTMLTextAreaElement | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void props.onDecline((message) => {
      setError(message);
      if (message) reasonRef.current?.focus();
    });
  };

  return (
    <>
      <div className="decline-toggle">
        <button
          type="button"
          className="button-link"
          aria-expanded={open}
          aria-controls="decline-panel"
          onClick={() => {
            setOpen(!open);
            if (!open) requestAnimationFrame(() => reasonRef.current?.focus());
          }}
        >
          I can’t give feedback on this session
        </button>
      </div>
      {open ? (
        <form id="decline-panel" className="panel decline" onSubmit={submit} noValidate aria-labelledby="decline-title">
          <h2 id="decline-title">Decline this form</h2>
          <p>
            If you didn’t attend or have no basis to judge, tell the recruiter why. Nothing else is recorded, and this form then closes.
          </p>
          <div className={`field${error ? ' field-invalid' : ''}`}>
            <label htmlFor="declineReason">Reason (for the recruiter)</label>
            <textarea
              id="declineReason"
              ref={reasonRef}
              rows={3}
              value={props.reason}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'declineReason-error' : undefined}
              onChange={(event) => props.onReasonChange(event.target.value)}
            />
            <FieldError id="declineReason-error" message={error} />
          </div>
          <div className="actions">
            <button type="submit" className="button button-secondary" disabled={props.busy}>
              Decline this form
            </button>
            <button type="button" className="button-link" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </>
  );
}
