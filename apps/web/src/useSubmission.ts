import { useState } from 'react';

import { errorText, fieldErrors } from './api';

type FieldsOf = (error: unknown) => Record<string, string>;

/** The server's messages about the named fields only: a form that shows no other field reports the rest as its problem. */
export const onlyFields =
  (...names: string[]): FieldsOf =>
  (error) =>
    Object.fromEntries(Object.entries(fieldErrors(error)).filter(([field]) => names.includes(field)));

/**
 * A form's sending state: busy while its action runs, the server's refusals of single fields beside
 * those fields (`errors`), anything else as one `problem`.
 */
export function useSubmission(fieldsOf: FieldsOf = fieldErrors) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const run = async (action: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setProblem(null);
    setErrors({});
    try {
      await action();
    } catch (error) {
      const fields = fieldsOf(error);
      if (Object.keys(fields).length > 0) setErrors(fields);
      else setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return { busy, problem, setProblem, errors, setErrors, run };
}
