import type { ReactNode } from 'react';

import { formatDateTime } from '../format';
import { Alert, Brand, Status } from '../ui';
import { ClosingQuestion } from './ClosingQuestion';
import { CriterionRatings } from './CriterionRatings';
import { DeclinePanel } from './DeclinePanel';
import { firstNameOf, type FormView } from './form-view';
import { OverallFit } from './OverallFit';
import { SessionHeading } from './SessionHeading';
import { useFeedbackDraft } from './useFeedbackDraft';
import { WrittenAnswers } from './WrittenAnswers';

/** The open form: the closing question, a rating per criterion, the overall fit and the written answers. */
export function FeedbackForm({ token, view, onDone }: { token: string; view: FormView; onDone(view: FormView): void }): ReactNode {
  const { draft, restored, update, errors, busy, problem, submit, decline } = useFeedbackDraft(token, view, onDone);
  const firstName = firstNameOf(view);
  const errorCount = Object.keys(errors).length;
  const notEnded = view.sessionEndedAt === null;

  return (
    <>
      <Brand />
      <main className="page page-narrow" id="main">
        <SessionHeading view={view} title={`Your feedback on ${view.candidateName}`} />
        <p>
          Hello {view.interviewerName}. This takes a few minutes.
          {view.expiresAt ? (
            <>
              {' '}
              Please answer by <strong>{formatDateTime(view.expiresAt)}</strong>.
            </>
          ) : null}
        </p>
        {notEnded ? <Status>This interview hasn’t ended yet. You can send your feedback once it has.</Status> : null}
        {restored ? <Status>We restored the answers you started on this device.</Status> : null}

        <ClosingQuestion
          firstName={firstName}
          askedForFeedback={view.candidateAskedForFeedback}
          askedInInterview={draft.candidateAsked}
          onAskedInInterview={(candidateAsked) => update({ candidateAsked })}
        />

        <DeclinePanel
          reason={draft.declineReason}
          onReasonChange={(declineReason) => update({ declineReason })}
          busy={busy !== null}
          onDecline={decline}
        />

        <form className="feedback" onSubmit={submit} noValidate aria-labelledby="form-title">
          <h2 id="form-title">How does {firstName} fit the profile?</h2>
          <p className="hint">
            Rate each part of the profile on what you saw in this session. “Not assessed” is a fine answer when it didn’t come up.
          </p>
          <CriterionRatings
            criteria={view.criteria}
            ratings={draft.ratings}
            notes={draft.notes}
            errors={errors}
            onRating={(id, value) => update({ ratings: { ...draft.ratings, [id]: value } })}
            onNote={(id, value) => update({ notes: { ...draft.notes, [id]: value } })}
          />
          <OverallFit
            firstName={firstName}
            value={draft.overallFit}
            error={errors.overallFit}
            onChange={(overallFit) => update({ overallFit })}
          />
          <WrittenAnswers firstName={firstName} draft={draft} errors={errors} onChange={update} />

          {problem ? <Alert>{problem}</Alert> : null}
          {errorCount > 0 ? (
            <p className="form-summary" role="alert">
              {errorCount === 1 ? 'One answer needs your attention' : `${errorCount} answers need your attention`} — see the messages above.
            </p>
          ) : null}
          <div className="actions actions-sticky">
            <button type="submit" className="button button-primary button-wide" disabled={busy !== null || notEnded}>
              Submit feedback
            </button>
            {busy === 'submit' ? (
              <span className="busy" role="status">
                Sending…
              </span>
            ) : null}
          </div>
          <p className="hint small">Your answers are kept on this device as you type, until you submit.</p>
        </form>
      </main>
    </>
  );
}
