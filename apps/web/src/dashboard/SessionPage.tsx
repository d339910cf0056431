import { type ReactNode, useEffect, useState } from 'react';

import { type Api, errorText } from '../api';
import type { FeedbackResponse } from '../form/form-view';
import {
  ANSWER_STATUS_LABEL,
  type CriterionKind,
  FIT_BAND_LABEL,
  FORM_STATUS_LABEL,
  formatDateTime,
  KIND_LABEL,
  RATING_LABEL,
  SESSION_STATUS_LABEL,
} from '../format';
import { CandidateAnswer } from '../portal/CandidateAnswer';
import { Alert, Status, Table } from '../ui';
import { Link } from './places';
import type { Answer, Directory, Form, Person, Session } from './queries';

/** A form as the session page shows it: its whole history and the interviewer's full answers. */
interface FullForm extends Omit<Form, 'response'> {
  openedAt: string | null;
  remindersSent: number;
  declinedAt: string | null;
  declineReason: string | null;
  response: FeedbackResponse<{ id: string; label: string; kind: CriterionKind }> | null;
}

interface FullSession extends Omit<Session, 'candidate' | 'forms' | 'answer'> {
  candidate: Person;
  forms: FullForm[];
  answer: Omit<Answer, 'flagDetails' | 'candidateReply' | 'candidateRepliedAt' | 'candidateNotifiedAt'> | null;
  mails: { id: string; kind: string; status: 'SENT' | 'FAILED'; at: string; formId: string | null }[];
}

const SESSION_PAGE = `query SessionPage($id: ID!) {
  me { organization { shareScoreWithCandidates } }
  session(id: $id) {
    id title status startsAt endsAt completedAt feedbackDueAt fitFeedbackRequested
    candidate { id name email }
    role { id title }
    forms {
      id status sentAt openedAt submittedAt expiresAt remindersSent lastError declinedAt declineReason
      interviewer { id name email }
      response {
        overallFit strengths gaps nextSteps candidateMessage privateNote submittedAt
        ratings { criterion { id label kind } rating note }
      }
    }
    answer {
      id status fitBand fitScore profile { criterion kind level } strengths gaps nextSteps message
      responsesCount flags withheldReason releasedAt helpful
    }
    mails { id kind status at formId }
  }
}`;

const MAIL_LABEL: Record<string, string> = {
  'form-invite': 'Feedback form',
  'form-reminder': 'Reminder',
  escalation: 'Escalation to the recruiters: feedback overdue',
  'answer-ready': 'Answer ready: email to the candidate',
  'portal-invite': 'Portal link to the candidate',
};

type Load =
  | { state: 'loading' }
  | { state: 'missing' }
  | { state: 'error'; message: string }
  | { state: 'ready'; session: FullSession; shareScore: boolean };

/** Everything the hiring team may see about one session (DESIGN, "The recruiter's workspace"). */
export function SessionPage({
  api,
  id,
  version,
}: {
  api: Api;
  id: string;
  directory: Directory | null;
  version: number;
  onChanged(): void;
}): ReactNode {
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    api<{ me: { organization: { shareScoreWithCandidates: boolean } }; session: FullSession | null }>(SESSION_PAGE, { id })
      .then((data) => {
        if (!live) return;
        if (!data.session) setLoad({ state: 'missing' });
        else setLoad({ state: 'ready', session: data.session, shareScore: data.me.organization.shareScoreWithCandidates });
      })
      .catch((error: unknown) => live && setLoad({ state: 'error', message: errorText(error) }));
    return () => {
      live = false;
    };
  }, [api, id, version]);

  const back = (
    <p className="back">
      <Link to="/dashboard/sessions">All sessions</Link>
    </p>
  );
  if (load.state === 'loading') return <Status>Loading the session…</Status>;
  if (load.state === 'error') return <Alert>{load.message}</Alert>;
  if (load.state === 'missing') {
    return (
      <>
        <h1>Session not found</h1>
        <p>There is no such session in your organization. It may have been scheduled by another organization, or the link is incomplete.</p>
        {back}
      </>
    );
  }
  const { session, shareScore } = load;
  const names = new Map(session.forms.map((form) => [form.id, form.interviewer.name]));
  return (
    <div className="session-page">
      {back}
      <h1>{session.title}</h1>
      <p className="meta">
        {session.candidate.name} ({session.candidate.email}) · {session.role.title} · {formatDateTime(session.startsAt)} ·{' '}
        {SESSION_STATUS_LABEL[session.status]}
        {session.feedbackDueAt ? ` · feedback due ${formatDateTime(session.feedbackDueAt)}` : ''}
        {session.fitFeedbackRequested ? ' · the candidate asked how well they fit' : ' · the candidate has not asked'}
      </p>

      <section aria-labelledby="feedback-title">
        <h2 id="feedback-title">The interviewers’ feedback</h2>
        <p className="hint">For the hiring team only. Each interviewer sees their own form, never the others’.</p>
        {session.forms.map((form) => (
          <InterviewerForm key={form.id} form={form} />
        ))}
      </section>

      <section aria-labelledby="answer-title">
        <h2 id="answer-title">The candidate’s answer</h2>
        <CandidateSide session={session} shareScore={shareScore} />
      </section>

      <section aria-labelledby="mails-title">
        <h2 id="mails-title">Mails</h2>
        {session.mails.length === 0 ? (
          <p className="muted">No mail for this session yet.</p>
        ) : (
          <Table caption="Mails sent for this session, oldest first" columns={['When', 'Mail', 'Delivery']} scroll>
            {session.mails.map((mail) => (
              <tr key={mail.id}>
                <td>{formatDateTime(mail.at)}</td>
                <td>
                  {MAIL_LABEL[mail.kind] ?? mail.kind}
                  {mail.formId && names.has(mail.formId) ? ` to ${names.get(mail.formId)}` : ''}
                </td>
                <td>{mail.status === 'SENT' ? 'Sent' : 'Failed: given up'}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>
    </div>
  );
}

function InterviewerForm({ form }: { form: FullForm }): ReactNode {
  const headingId = `form-${form.id}`;
  const { response } = form;
  return (
    <article className="card interviewer-form" aria-labelledby={headingId}>
      <h3 id={headingId}>{form.interviewer.name}</h3>
      <p className="meta">
        {FORM_STATUS_LABEL[form.status]}
        {form.sentAt ? ` · sent ${formatDateTime(form.sentAt)}` : ''}
        {form.openedAt ? ` · opened ${formatDateTime(form.openedAt)}` : ''}
        {form.submittedAt ? ` · answered ${formatDateTime(form.submittedAt)}` : ''}
        {form.declinedAt ? ` · declined ${formatDateTime(form.declinedAt)}` : ''}
        {form.remindersSent > 0 ? ` · ${form.remindersSent} reminder${form.remindersSent === 1 ? '' : 's'}` : ''}
        {!response && form.expiresAt ? ` · open until ${formatDateTime(form.expiresAt)}` : ''}
      </p>
      {form.status === 'FAILED' && form.lastError ? <p className="error-text">Delivery failed: {form.lastError}</p> : null}
      {form.declineReason !== null ? (
        <dl className="form-answers">
          <dt>Why they declined</dt>
          <dd className="prewrap">{form.declineReason}</dd>
        </dl>
      ) : null}
      {response ? (
        <>
          <dl className="form-answers">
            <dt>Overall fit</dt>
            <dd>{FIT_BAND_LABEL[response.overallFit]}</dd>
          </dl>
          <Table className="table ratings" caption={`Ratings by ${form.interviewer.name}`} columns={['Criterion', 'Rating', 'Note']} scroll>
            {response.ratings.map((rating) => (
              <tr key={rating.criterion.id}>
                <th scope="row">
                  {rating.criterion.label} <span className="kind">{KIND_LABEL[rating.criterion.kind]}</span>
                </th>
                <td>{rating.rating === null ? 'Not assessed' : `${rating.rating} · ${RATING_LABEL[rating.rating]}`}</td>
                <td className="prewrap">{rating.note ?? '—'}</td>
              </tr>
            ))}
          </Table>
          <dl className="form-answers">
            <dt>Strengths</dt>
            <dd className="prewrap">{response.strengths || '—'}</dd>
            <dt>What was lacking</dt>
            <dd className="prewrap">{response.gaps || '—'}</dd>
            <dt>Next steps</dt>
            <dd className="prewrap">{response.nextSteps ?? '—'}</dd>
            <dt>Message to the candidate</dt>
            <dd className="prewrap">{response.candidateMessage ?? '—'}</dd>
            <dt>Private note</dt>
            <dd className="prewrap">{response.privateNote ?? '—'}</dd>
          </dl>
        </>
      ) : null}
    </article>
  );
}

function CandidateSide({ session, shareScore }: { session: FullSession; shareScore: boolean }): ReactNode {
  const { answer } = session;
  if (session.status === 'CANCELLED') return <p>The session was cancelled: the candidate’s portal says so.</p>;
  if (!answer) return <p className="muted">No answer yet.</p>;
  const status = (
    <p className="meta">
      {ANSWER_STATUS_LABEL[answer.status]}
      {answer.releasedAt ? ` ${formatDateTime(answer.releasedAt)}` : ''} · from {answer.responsesCount}{' '}
      {answer.responsesCount === 1 ? 'response' : 'responses'}
      {answer.helpful !== null ? ` · the candidate found it ${answer.helpful ? 'helpful' : 'not helpful'}` : ''}
    </p>
  );
  if (answer.status === 'WITHHELD' || !answer.fitBand) {
    return (
      <>
        {status}
        {answer.withheldReason ? <p>Why it was withheld: {answer.withheldReason}</p> : null}
        {answer.status === 'WAITING_FOR_FEEDBACK' ? <p className="muted">The answer is composed once the panel’s feedback is in.</p> : null}
      </>
    );
  }
  const seen = answer.status === 'RELEASED' && session.fitFeedbackRequested;
  return (
    <>
      {status}
      {answer.flags.length > 0 ? <p>Held for review because of: {answer.flags.join(', ')}</p> : null}
      <p className="hint">
        {seen
          ? 'Exactly as the candidate sees it on their portal:'
          : answer.status === 'RELEASED'
            ? 'As the candidate will see it once they ask how well they fit:'
            : 'As the candidate will see it once it is released:'}
      </p>
      <div className="candidate-view">
        <CandidateAnswer
          answer={{
            fitBand: answer.fitBand,
            fitScore: shareScore ? answer.fitScore : null,
            profile: answer.profile,
            strengths: answer.strengths,
            gaps: answer.gaps,
            nextSteps: answer.nextSteps,
            message: answer.message,
            releasedAt: answer.releasedAt,
          }}
        />
      </div>
    </>
  );
}
