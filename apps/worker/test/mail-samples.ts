import { answerLateMail } from '../src/mail/templates/answer-late.template';
import { answerReadyMail } from '../src/mail/templates/answer-ready.template';
import { candidateReplyMail } from '../src/mail/templates/candidate-reply.template';
import { escalationMail } from '../src/mail/templates/escalation.template';
import { formInviteMail } from '../src/mail/templates/form-invite.template';
import { formReminderMail } from '../src/mail/templates/form-reminder.template';
import { noAnswerNoteMail } from '../src/mail/templates/no-answer-note.template';
import { portalInviteMail } from '../src/mail/templates/portal-invite.template';
import { MailContent } from '../src/mail/templates/render-mail';
import { sessionCancelledMail } from '../src/mail/templates/session-cancelled.template';
import { sessionRescheduledMail } from '../src/mail/templates/session-rescheduled.template';

/** The words a sample mail is made of: every string a template shows that a person typed. */
export interface SampleWords {
  recruiter: string;
  interviewer: string;
  candidate: string;
  organization: string;
  role: string;
  session: string;
  criterion: string;
  reply: string;
  flag: string;
  link: string;
}

export const EVERYDAY_WORDS: SampleWords = {
  recruiter: 'Rae Recruiter',
  interviewer: 'Grace Hopper',
  candidate: 'Ada Lovelace',
  organization: 'Northwind Talent',
  role: 'Backend engineer',
  session: 'Final interview',
  criterion: 'System design',
  reply: 'Thank you for the candid answer.\nI will work on the gaps you named.',
  flag: 'protected characteristic: age',
  link: 'https://closer.example/f/v1.abc?x=1&y=2',
};

const DUE = new Date('2026-03-02T14:30:00Z');

/** One mail of every template, keyed by the template's file name, made of the given words. */
export function sampleMails(words: SampleWords): Record<string, MailContent> {
  const session = { candidateName: words.candidate, roleTitle: words.role, sessionTitle: words.session };
  const organizationName = words.organization;
  return {
    'answer-late': answerLateMail({ recruiterName: words.recruiter, ...session, organizationName, promisedAt: DUE, link: words.link }),
    'answer-ready': answerReadyMail({ candidateName: words.candidate, organizationName, roleTitle: words.role, link: words.link }),
    'candidate-reply': candidateReplyMail({
      recruiterName: words.recruiter,
      ...session,
      organizationName,
      reply: words.reply,
      flags: [words.flag],
      link: words.link,
    }),
    escalation: escalationMail({
      recruiterName: words.recruiter,
      ...session,
      organizationName,
      panelSize: 3,
      overdue: [
        { name: words.interviewer, email: 'grace@example.test', opened: true },
        { name: 'Alan Turing', email: 'alan@example.test', opened: false },
      ],
      remindersSent: 2,
      dueAt: DUE,
      minResponses: 2,
      responses: 1,
      link: words.link,
    }),
    'form-invite': formInviteMail({
      interviewerName: words.interviewer,
      ...session,
      organizationName,
      criteria: [words.criterion, 'Communication'],
      candidateAsked: true,
      dueAt: DUE,
      link: words.link,
    }),
    'form-reminder': formReminderMail({
      interviewerName: words.interviewer,
      ...session,
      organizationName,
      candidateAsked: true,
      dueAt: DUE,
      link: words.link,
    }),
    'no-answer-note': noAnswerNoteMail({ candidateName: words.candidate, organizationName, roleTitle: words.role }),
    'portal-invite': portalInviteMail({ candidateName: words.candidate, organizationName, link: words.link }),
    'session-cancelled': sessionCancelledMail({ candidateName: words.candidate, organizationName, roleTitle: words.role, startsAt: DUE }),
    'session-rescheduled': sessionRescheduledMail({
      candidateName: words.candidate,
      organizationName,
      startsAt: DUE,
      endsAt: new Date('2026-03-02T15:30:00Z'),
    }),
  };
}
