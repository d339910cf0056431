import type { ReactNode } from 'react';

import { formatDateTime } from '../format';
import type { Session } from './queries';

/**
 * Candidates' replies to their released answers, newest first: for the hiring team only
 * (interviewers see one only if a recruiter forwards it).
 */
export function CandidateReplies({ sessions }: { sessions: Session[] }): ReactNode {
  const replied = sessions
    .filter((s) => s.answer?.candidateReply)
    .sort((a, b) => Date.parse(b.answer!.candidateRepliedAt ?? '') - Date.parse(a.answer!.candidateRepliedAt ?? ''));
  return (
    <section aria-labelledby="replies-title">
      <h2 id="replies-title">Replies from candidates ({replied.length})</h2>
      {replied.length === 0 ? <p className="muted">No candidate has replied to an answer.</p> : null}
      {replied.length > 0 ? (
        <ul className="cards">
          {replied.map((session) => (
            <li key={session.id} className="card" aria-label={`Reply from ${session.candidate.name}`}>
              <p>
                <strong>{session.candidate.name}</strong> · {session.role.title} · {session.title}
              </p>
              <blockquote className="prewrap">{session.answer!.candidateReply}</blockquote>
              <p className="meta">Replied {formatDateTime(session.answer!.candidateRepliedAt)}</p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
