import type { ReactNode } from 'react';

import { KIND_LABEL } from '../format';
import { FieldError, TextArea } from '../ui';
import { NOTE } from './feedback-input';
import type { Criterion } from './form-view';

const RATING_OPTIONS: { value: string; label: string }[] = [
  { value: '1', label: '1 · Not yet evident' },
  { value: '2', label: '2 · Partly' },
  { value: '3', label: '3 · Meets' },
  { value: '4', label: '4 · Exceeds' },
  { value: 'na', label: 'Not assessed' },
];

const WEIGHT_WORD = (weight: number) => (weight >= 4 ? 'essential' : weight === 3 ? 'important' : 'nice to have');

/** One group per criterion of the role's profile: a rating from 1 to 4 (or "Not assessed") and a note. */
export function CriterionRatings(props: {
  criteria: Criterion[];
  ratings: Record<string, string>;
  notes: Record<string, string>;
  errors: Record<string, string>;
  onRating(criterionId: string, value: string): void;
  onNote(criterionId: string, value: string): void;
}): ReactNode {
  return props.criteria.map((criterion) => {
    const ratingKey = `rating-${criterion.id}`;
    const noteKey = `note-${criterion.id}`;
    const error = props.errors[ratingKey];
    return (
      <fieldset
        key={criterion.id}
        className={`criterion${error ? ' field-invalid' : ''}`}
        aria-describedby={[`${ratingKey}-about`, error ? `${ratingKey}-error` : ''].filter(Boolean).join(' ')}
      >
        <legend>{criterion.label}</legend>
        <p className="criterion-about" id={`${ratingKey}-about`}>
          {KIND_LABEL[criterion.kind]} · {WEIGHT_WORD(criterion.weight)}
          {criterion.description ? ` · ${criterion.description}` : ''}
        </p>
        <div className="scale">
          {RATING_OPTIONS.map((option) => (
            <label key={option.value} className={`scale-option${option.value === 'na' ? ' scale-na' : ''}`}>
              <input
                type="radio"
                id={`${ratingKey}-${option.value}`}
                name={ratingKey}
                value={option.value}
                checked={props.ratings[criterion.id] === option.value}
                aria-invalid={error ? true : undefined}
                onChange={() => props.onRating(criterion.id, option.value)}
              />
              <span>{option.label}</span>
            </label>
          ))}
        </div>
        <FieldError id={`${ratingKey}-error`} message={error} />
        <TextArea
          id={noteKey}
          label={`Note on ${criterion.label}`}
          rows={2}
          value={props.notes[criterion.id] ?? ''}
          maxLength={NOTE}
          counter
          error={props.errors[noteKey]}
          onChange={(value) => props.onNote(criterion.id, value)}
          className="note"
        />
      </fieldset>
    );
  });
}
