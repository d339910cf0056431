import type { ReactNode } from 'react';

import { FIT_BAND_LABEL, FIT_BANDS, type FitBand } from '../format';
import { FieldError } from '../ui';

const FIT_HINT: Record<FitBand, string> = {
  NOT_A_FIT: 'Not a fit for this profile now',
  PARTIAL_FIT: 'Some of the profile, clear gaps',
  GOOD_FIT: 'Most of the profile',
  STRONG_FIT: 'All of it, and more in places',
};

/** The interviewer's overall judgement: one of the four fit bands. */
export function OverallFit(props: { firstName: string; value: string; error?: string; onChange(band: FitBand): void }): ReactNode {
  const { error } = props;
  return (
    <fieldset className={`criterion overall${error ? ' field-invalid' : ''}`} aria-describedby={error ? 'overallFit-error' : undefined}>
      <legend>Overall fit</legend>
      <p className="criterion-about">Taking the whole profile together, how well does {props.firstName} fit?</p>
      <div className="scale scale-fit">
        {FIT_BANDS.map((band) => (
          <label key={band} className="scale-option">
            <input
              type="radio"
              id={`overallFit-${band}`}
              name="overallFit"
              value={band}
              checked={props.value === band}
              aria-invalid={error ? true : undefined}
              onChange={() => props.onChange(band)}
            />
            <span>
              {FIT_BAND_LABEL[band]}
              <small>{FIT_HINT[band]}</small>
            </span>
          </label>
        ))}
      </div>
      <FieldError id="overallFit-error" message={error} />
    </fieldset>
  );
}
