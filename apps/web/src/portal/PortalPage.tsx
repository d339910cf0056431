import { type ReactNode, useEffect, useState } from 'react';

import { ApiError, errorText, graphql } from '../api';
import { formatDateTime, type SessionStatus } from '../format';
import { Alert, Brand, Loading, MessagePage, Status } from '../ui';
import { AnswerPromise } from './AnswerPromise';
import { CandidateAnswer, type CandidateAnswerView } from './CandidateAnswer';
import { ReplyBox } from './ReplyBox';

interface AnswerView extends CandidateAnswerView {
  releasedAt: string;
  reply: string | null;
}

interface SessionView {
  sessionId: string;
  title: string;
  roleTitle: string;
  startsAt: string;
  status: SessionStatus;
  fitFeedbackRequested: boolean;
  answerExpectedBy: string | null;
  lateNotifiedAt: string | null;
  answer: AnswerView | null;
  answerUnavailable: boolean;
}

interface Portal {
  candidateName: string;
  sessions: SessionView[];
}

const SESSION = `
  sessionId title roleTitle startsAt status fitFeedbackRequested answerUnavailable answerExpectedBy lateNotifiedAt
  answer { fitBand fitScore profile { criterion kind level } strengths gaps nextSteps message releasedAt reply }`;

type Load = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; portal: Portal };

export function PortalPage({ token }: { token: string }): ReactNode {
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    graphql<{ candidatePortal: Portal }>(
      `query Portal($token: String!) { candidatePortal(token: $token) { candidateName sessions { ${SESSION} } } }`,
      {
        token,
      },
    )
      .then((data) => live && setLoad({ state: 'ready', portal: data.candidatePortal }))
      .catch((error: unknown) => live && setLoad({ state: 'error', error }));
    return () => {
      live = false;
    };
  }, [token]);

  if (load.state === 'loading') return <Loading label="Opening your interviews…" />;
  if (load.state === 'error') return <PortalProblem error={load.error} />;
  const { portal } = load;
  const replace = (next: SessionView) =>
    setLoad({ state: 'ready', portal: { ...portal, sessions: portal.sessions.map((s) => (s.sessionId === next.sessionId ? next : s)) } });
  const firstName = portal.candidateName.split(/\s+/)[0] || portal.candidateName;

  return (
    <>
      <Brand />
      <main className="page page-narrow" id="main">
        <header className="page-head">
          <h1>Hello, {firstName}</h1>
          <p className="lede">
            At the close of an interview you can ask the panel the question most candidates keep to themselves:{' '}
            <em>how well do I fit the profile you’re looking for?</em> Here you can ask it, and read the honest answer.
          </p>
        </header>
        {portal.sessions.length === 0 ? <p>There are no interviews here yet.</p> : null}
        {portal.sessions.map((session) => (
          <SessionCard key={session.sessionId} token={token} session={session} onChange={replace} />
        ))}
        <footer className="page-foot">
          <p className="hint">
            Answers combine the whole interview panel’s view. They never name an interviewer and never include their private notes.
          </p>
        </footer>
      </main>
    </>
  );
}

function PortalProblem({ error }: { error: unknown }): ReactNode {
  if (error instanceof ApiError && error.code === 'GONE') {
    return (
      <MessagePage title="This link was replaced">
        <p>We sent you a newer link, so this one no longer works. Please open the most recent email we sent you about your interview.</p>
        <p>Can’t find it? Reply to that email or contact the recruiter you are in touch with, and they will send you a fresh link.</p>
      </MessagePage>
    );
  }
  if (error instanceof ApiError && error.code === 'NOT_FOUND') {
    return (
      <MessagePage title="This link doesn’t work">
        <p>The link may be incomplete (check that you copied all of it) or it no longer exists.</p>
        <p>Please contact the recruiter you are in touch with: they can send you a fresh link.</p>
      </MessagePage>
    );
  }
  return (
    <MessagePage title="We couldn’t open your page">
      <p>{errorText(error)}</p>
      <p>
        <a href={location.pathname}>Try again</a>
      </p>
    </MessagePage>
  );
}

function SessionCard({ token, session, onChange }: { token: string; session: SessionView; onChange(next: SessionView): void }): ReactNode {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [justAsked, setJustAsked] = useState(false);
  const headingId = `session-${session.sessionId}`;
  const cancelled = session.status === 'CANCELLED';

  const ask = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const data = await graphql<{ requestFitFeedback: SessionView }>(
        `mutation Ask($token: String!, $sessionId: ID!) { requestFitFeedback(token: $token, sessionId: $sessionId) { ${SESSION} } }`,
        { token, sessionId: session.sessionId },
      );
      setJustAsked(true);
      onChange(data.requestFitFeedback);
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card session-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{session.title}</h2>
      <p className="meta">
        {session.roleTitle} · {formatDateTime(session.startsAt)}
        {cancelled ? ' · cancelled' : session.status === 'COMPLETED' ? ' · interview over' : ''}
      </p>

      {cancelled ? (
        <p>This interview was cancelled.</p>
      ) : session.answer ? (
        <Answer token={token} sessionId={session.sessionId} answer={session.answer} />
      ) : session.answerUnavailable ? (
        <div className="no-answer" data-testid="no-answer">
          <p>
            We’re sorry: the panel could not give enough feedback for a fair answer about how well you fit the profile. Rather than guess,
            we prefer to tell you so — it says nothing about you.
          </p>
          <p>The hiring team will be in touch about the next steps.</p>
        </div>
      ) : session.fitFeedbackRequested ? (
        <AnswerPromise answerExpectedBy={session.answerExpectedBy} lateNotifiedAt={session.lateNotifiedAt} justAsked={justAsked} />
      ) : (
        <div className="ask">
          <p>
            You’ll receive one combined answer from the interview panel — how you fit each part of the profile, your strengths, anything
            still lacking in their picture of you, and the next steps — by email and on this page, usually within a few days after the
            interview.
          </p>
          <button type="button" className="button button-primary" onClick={ask} disabled={busy}>
            Ask how well I fit the profile
          </button>
          {problem ? <Alert>{problem}</Alert> : null}
        </div>
      )}
    </section>
  );
}

function Answer({ token, sessionId, answer }: { token: string; sessionId: string; answer: AnswerView }): ReactNode {
  return (
    <CandidateAnswer answer={answer}>
      <Helpful token={token} sessionId={sessionId} />
      <ReplyBox token={token} sessionId={sessionId} reply={answer.reply} />
    </CandidateAnswer>
  );
}

const ratedKey = (sessionId: string) => `closer.rated.${sessionId}`;

function Helpful({ token, sessionId }: { token: string; sessionId: string }): ReactNode {
  const [rated, setRated] = useState<string | null>(() => {
    try {
      return localStorage.getItem(ratedKey(sessionId));
    } catch {
      return null;
    }
  });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const id = `helpful-${sessionId}`;

  const rate = async (helpful: boolean) => {
    setBusy(true);
    setProblem(null);
    try {
      await graphql(
        `
          mutation Rate($token: String!, $sessionId: ID!, $helpful: Boolean!) {
            rateCandidateAnswer(token: $token, sessionId: $sessionId, helpful: $helpful) {
              sessionId
            }
          }
        `,
        { token, sessionId, helpful },
      );
      const value = helpful ? 'yes' : 'no';
      setRated(value);
      try {
        localStorage.setItem(ratedKey(sessionId), value);
      } catch {
        // the vote is recorded on the server; only this reminder is lost
      }
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  if (rated) {
    return (
      <div className="helpful">
        <Status tone="ok">
          Thank you for telling us{rated === 'yes' ? ' this answer helped.' : ' — we will use it to make answers more useful.'}
        </Status>
        <button type="button" className="button-link" onClick={() => setRated(null)}>
          Change my answer
        </button>
      </div>
    );
  }
  return (
    <div className="helpful" role="group" aria-labelledby={id}>
      <p id={id} className="helpful-question">
        Was this helpful?
      </p>
      <div className="actions">
        <button type="button" className="button button-secondary" onClick={() => rate(true)} disabled={busy}>
          Yes
        </button>
        <button type="button" className="button button-secondary" onClick={() => rate(false)} disabled={busy}>
          No
        </button>
      </div>
      {problem ? <Alert>{problem}</Alert> : null}
    </div>
  );
}
