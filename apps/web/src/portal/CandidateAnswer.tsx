import type { ReactNode } from 'react';

import {
  type CriterionKind,
  FIT_BAND_FOR_CANDIDATE,
  FIT_BANDS,
  FIT_LEVEL_LABEL,
  FIT_LEVEL_STEPS,
  type FitBand,
  type FitLevel,
  formatDate,
  KIND_LABEL,
} from '../format';

export interface CandidateAnswerView {
  fitBand: FitBand;
  /** Null where the organization does not share scores with candidates. */
  fitScore: number | null;
  profile: { criterion: string; kind: CriterionKind; level: FitLevel }[];
  strengths: string[];
  gaps: string[];
  nextSteps: string | null;
  message: string | null;
  /** Null while not released (a recruiter's preview). */
  releasedAt: string | null;
}

/**
 * The panel's answer as the candidate reads it on their portal. The dashboard shows the same
 * component, so a recruiter sees exactly what the candidate sees (or will see once released).
 */
export function CandidateAnswer({ answer, children }: { answer: CandidateAnswerView; children?: ReactNode }): ReactNode {
  const band = FIT_BANDS.indexOf(answer.fitBand) + 1;
  return (
    <div className="answer">
      {answer.releasedAt ? <p className="meta">The panel’s answer, {formatDate(answer.releasedAt)}</p> : null}
      <div className="fit-band">
        <h3>How well you fit the profile</h3>
        <p className="fit-band-words">{FIT_BAND_FOR_CANDIDATE[answer.fitBand]}</p>
        <div className={`band-scale band-${band}`} aria-hidden="true">
          {FIT_BANDS.map((b, index) => (
            <span key={b} className={index < band ? 'on' : ''} />
          ))}
        </div>
        {answer.fitScore !== null ? <p className="meta">Fit score: {answer.fitScore} out of 100</p> : null}
      </div>

      <h3>Criterion by criterion</h3>
      <ul className="profile" aria-label="How you fit each part of the profile">
        {answer.profile.map((fit) => {
          const steps = FIT_LEVEL_STEPS[fit.level];
          return (
            <li key={fit.criterion} className={`profile-row level-${fit.level.toLowerCase()}`}>
              <span className="profile-criterion">
                {fit.criterion} <span className="kind">{KIND_LABEL[fit.kind]}</span>
              </span>
              <span className="meter" aria-hidden="true">
                {[1, 2, 3, 4].map((step) => (
                  <span key={step} className={step <= steps ? 'on' : ''} />
                ))}
              </span>
              <span className="profile-level">{FIT_LEVEL_LABEL[fit.level]}</span>
            </li>
          );
        })}
      </ul>
      <p className="hint small legend" aria-hidden="true">
        Four steps: not yet evident · partly there · meets the profile · a strength.
      </p>

      <h3>Your strengths for this position</h3>
      {answer.strengths.length > 0 ? (
        <ul className="bullets">
          {answer.strengths.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">The panel didn’t single out a strength against this profile.</p>
      )}

      <h3>What is still lacking in the panel’s picture of you</h3>
      {answer.gaps.length > 0 ? (
        <ul className="bullets">
          {answer.gaps.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">Nothing stood out as lacking.</p>
      )}

      <h3>Next steps</h3>
      <p className="prewrap">{answer.nextSteps ?? 'The recruiter will be in touch about the next steps.'}</p>

      {answer.message ? (
        <>
          <h3>A message from the panel</h3>
          <blockquote className="panel-message prewrap">{answer.message}</blockquote>
        </>
      ) : null}

      {children}
    </div>
  );
}
