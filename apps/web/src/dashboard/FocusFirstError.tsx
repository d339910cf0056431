import { type ReactNode, useEffect, useRef } from 'react';

/**
 * Put inside a form: whenever its errors change and there are some, focus moves to the first
 * field marked invalid, in the order of the page (as on the interviewer's form).
 */
export function FocusFirstError({ errors }: { errors: Record<string, string> }): ReactNode {
  const marker = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    const form = marker.current?.closest('form');
    const first = form?.querySelector<HTMLElement>(
      '[aria-invalid="true"], .field-invalid input, .field-invalid select, .field-invalid textarea',
    );
    first?.focus();
  }, [errors]);
  return <span ref={marker} hidden />;
}
