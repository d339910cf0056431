import { type FormEvent, type ReactNode, useState } from 'react';

import { graphql } from '../api';
import { Alert, Status, TextArea } from '../ui';
import { onlyFields, useSubmission } from '../useSubmission';

const REPLY_LIMIT = 2_000;

/**
 * The candidate's one reply to their answer (e.g. evidence the panel did not see). It goes to the
 * recruiter who scheduled the interview; once sent it is shown back and cannot be sent again.
 */
export function ReplyBox({ token, sessionId, reply }: { token: string; sessionId: string; reply: string | null }): ReactNode {
  const [sent, setSent] = useState<string | null>(reply);
  const [text, setText] = useState('');
  const { busy, problem, errors, run } = useSubmission(onlyFields('message'));

  if (sent !== null) {
    return (
      <section className="reply" aria-labelledby={`reply-${sessionId}`}>
        <h3 id={`reply-${sessionId}`}>Your reply</h3>
        <blockquote className="candidate-reply prewrap">{sent}</blockquote>
        <p className="hint small">The recruiter received it. Interviewers see it only if the recruiter shares it.</p>
      </section>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      const data = await graphql<{ replyToCandidateAnswer: { answer: { reply: string | null } | null } }>(
        `
          mutation Reply($token: String!, $sessionId: ID!, $message: String!) {
            replyToCandidateAnswer(token: $token, sessionId: $sessionId, message: $message) {
              sessionId
              answer {
                reply
              }
            }
          }
        `,
        { token, sessionId, message: text },
      );
      setSent(data.replyToCandidateAnswer.answer?.reply ?? text.trim());
    });
  };

  return (
    <form className="reply" onSubmit={submit} aria-labelledby={`reply-${sessionId}`}>
      <h3 id={`reply-${sessionId}`}>Reply to the panel’s answer</h3>
      <p className="hint">
        Something the panel did not see? You can send one reply, up to {REPLY_LIMIT.toLocaleString()} characters. It goes to the recruiter.
      </p>
      <TextArea
        id={`reply-text-${sessionId}`}
        label="Your reply"
        value={text}
        onChange={setText}
        maxLength={REPLY_LIMIT}
        rows={4}
        counter
        required
        error={errors.message}
      />
      <Status tone="info">You can reply only once.</Status>
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy || text.trim() === ''}>
          Send my reply
        </button>
      </div>
      {problem ? <Alert>{problem}</Alert> : null}
    </form>
  );
}
