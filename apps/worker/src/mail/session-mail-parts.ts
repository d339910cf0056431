import type { SessionMail } from './session-mail.repository';

/** Whom a mail about the session to its candidate goes to; an erasure before it is sent stops it. */
export function toCandidate(session: SessionMail): { to: string; candidateId: string } {
  return { to: session.candidateEmail, candidateId: session.candidateId };
}

/** What every mail to the session's recruiter says about the session. */
export function sessionForRecruiter(session: SessionMail) {
  return {
    recruiterName: session.recruiterName ?? 'there',
    candidateName: session.candidateName,
    roleTitle: session.roleTitle,
    sessionTitle: session.sessionTitle,
    organizationName: session.organizationName,
  };
}
