import { type FormEvent, type ReactNode, useState } from 'react';

import { Alert, TextField } from '../ui';
import { useSubmission } from '../useSubmission';
import { FocusFirstError } from './FocusFirstError';
import { LIMITS } from './limits';

export interface PersonInput {
  name: string;
  email: string;
}

function validate(name: string, email: string): Record<string, string> {
  const found: Record<string, string> = {};
  if (!name.trim()) found.name = 'Enter a name.';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) found.email = 'Enter a valid email address.';
  return found;
}

/** A person's name and email, checked here, then saved by `save` (adding someone or correcting them). */
export function PersonEditForm(props: {
  /** Prefix of the fields' ids. */
  id: string;
  label: string;
  className: string;
  initial?: PersonInput;
  /** Name and email side by side rather than one under the other. */
  sideBySide?: boolean;
  autoComplete?: string;
  onEmailChange?(): void;
  /** Resolves true once saved, false when the form keeps what was typed (to ask about a duplicate first). */
  save(person: PersonInput, anyway: boolean): Promise<boolean>;
  /** Empties the fields once saved, ready for the next person. */
  emptyOnSave?: boolean;
  /** Shown below the fields; `saveAnyway` saves past the check that asked. */
  notice?(saveAnyway: () => void, busy: boolean): ReactNode;
  actions(busy: boolean): ReactNode;
}): ReactNode {
  const [name, setName] = useState(props.initial?.name ?? '');
  const [email, setEmail] = useState(props.initial?.email ?? '');
  const { busy, problem, errors, setErrors, run } = useSubmission();

  const send = (anyway: boolean) => {
    const found = validate(name, email);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    void run(async () => {
      const saved = await props.save({ name: name.trim(), email: email.trim() }, anyway);
      if (saved && props.emptyOnSave) {
        setName('');
        setEmail('');
      }
    });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send(false);
  };

  const fields = (
    <>
      <TextField
        id={`${props.id}-name`}
        label="Name"
        required
        value={name}
        error={errors.name}
        onChange={setName}
        autoComplete={props.autoComplete}
        maxLength={LIMITS.name}
      />
      <TextField
        id={`${props.id}-email`}
        label="Email"
        type="email"
        required
        value={email}
        error={errors.email}
        onChange={(value) => {
          setEmail(value);
          props.onEmailChange?.();
        }}
        autoComplete={props.autoComplete}
        maxLength={LIMITS.email}
      />
    </>
  );
  return (
    <form className={props.className} onSubmit={submit} noValidate aria-label={props.label}>
      <FocusFirstError errors={errors} />
      {props.sideBySide ? <div className="form-grid">{fields}</div> : fields}
      {props.notice?.(() => send(true), busy)}
      {problem ? <Alert>{problem}</Alert> : null}
      {props.actions(busy)}
    </form>
  );
}
