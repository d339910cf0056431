import { type FormEvent, type ReactNode, useState } from 'react';

import type { Api } from '../api';
import { Alert, TextField } from '../ui';
import { onlyFields, useSubmission } from '../useSubmission';

/** The name every mail speaks in ("on behalf of …"): the organization's display name, never its slug. */
export function OrganizationName({ api, name, onChanged }: { api: Api; name: string; onChanged(message: string): void }): ReactNode {
  const [value, setValue] = useState(name);
  const { busy, problem, errors, setErrors, run } = useSubmission(onlyFields('name'));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!value.trim()) {
      setErrors({ name: 'Give the name candidates and interviewers know you by.' });
      document.getElementById('organization-name')?.focus();
      return;
    }
    await run(async () => {
      await api('mutation Rename($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { name } }', {
        input: { name: value.trim() },
      });
      onChanged(`Mails now speak for “${value.trim()}”.`);
    });
  };

  return (
    <section aria-labelledby="organization-title" className="setup-section">
      <h2 id="organization-title">Your organization</h2>
      <form onSubmit={save} noValidate className="panel">
        <TextField
          id="organization-name"
          label="Name in mails"
          hint="Candidates and interviewers read it in every mail: “on behalf of …”."
          value={value}
          required
          maxLength={200}
          error={errors.name}
          onChange={setValue}
        />
        <button type="submit" className="button button-secondary" disabled={busy}>
          Save the name
        </button>
        {problem ? <Alert>{problem}</Alert> : null}
      </form>
    </section>
  );
}
