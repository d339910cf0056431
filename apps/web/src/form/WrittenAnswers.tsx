import type { ReactNode } from 'react';

import { TextArea } from '../ui';
import type { Draft } from './draft';
import { LONG_TEXT, WRITTEN_FIELDS } from './feedback-input';

type Written = (typeof WRITTEN_FIELDS)[number];

function fieldsFor(firstName: string): Record<Written, { label: string; hint: ReactNode; required?: boolean; rows?: number }> {
  return {
    strengths: {
      label: 'Strengths for this position',
      hint: 'What did they show that the role needs? For the hiring team: the candidate never reads this.',
      required: true,
    },
    gaps: {
      label: 'Anything lacking in your picture of the candidate',
      hint: 'What is missing or unclear so far? “Nothing I noticed” is a fine answer. For the hiring team: the candidate never reads this.',
      required: true,
    },
    nextSteps: {
      label: 'Next steps',
      hint: 'What would you suggest: another conversation, a take-home, a decision? For the hiring team only.',
      rows: 3,
    },
    candidateMessage: {
      label: 'Message the candidate may read',
      hint: (
        <>
          <strong>This is shared with {firstName}</strong>, without your name, as part of the panel’s answer: the only words of yours they
          may read. Be specific and kind.
        </>
      ),
      rows: 4,
    },
    privateNote: {
      label: 'Private note',
      hint: 'Only the hiring team sees this. It is never shared with the candidate.',
      rows: 3,
    },
  };
}

/** The written part of the form, each field saying who will read it. */
export function WrittenAnswers(props: {
  firstName: string;
  draft: Draft;
  errors: Record<string, string>;
  onChange(change: Partial<Draft>): void;
}): ReactNode {
  const fields = fieldsFor(props.firstName);
  return (
    <>
      <p className="hint" id="who-reads">
        Of what you write here, only the message for {props.firstName} can reach them. Strengths, what is lacking, next steps and your
        private note stay with the hiring team; your ratings shape the panel’s answer without your words.
      </p>
      {WRITTEN_FIELDS.map((id) => (
        <TextArea
          key={id}
          id={id}
          label={fields[id].label}
          hint={fields[id].hint}
          required={fields[id].required}
          rows={fields[id].rows}
          value={props.draft[id]}
          maxLength={LONG_TEXT}
          counter
          error={props.errors[id]}
          onChange={(value) => props.onChange({ [id]: value })}
        />
      ))}
    </>
  );
}
