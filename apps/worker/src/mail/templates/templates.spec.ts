import { answerReadyMail } from './answer-ready.template';
import { escalationMail } from './escalation.template';
import { formReminderMail } from './form-reminder.template';
import { noAnswerNoteMail } from './no-answer-note.template';
import { sessionCancelledMail } from './session-cancelled.template';

const hostile = '<script>alert("x")</script> & Co';
const link = 'https://closer.example/f/abc?x=1&y=2';
const due = new Date('2026-03-02T14:30:00Z');

describe(formReminderMail.name, () => {
  const sut = formReminderMail({
    interviewerName: hostile,
    candidateName: 'Ada <Lovelace>',
    roleTitle: 'Backend & Data',
    sessionTitle: 'Final',
    organizationName: 'Acme',
    candidateAsked: true,
    dueAt: due,
    link,
  });

  it('escapes every user-supplied string in the HTML part', () => {
    expect(sut.html).not.toContain('<script>');
    expect(sut.html).toContain('&lt;script&gt;');
    expect(sut.html).toContain('Ada &lt;Lovelace&gt;');
    expect(sut.html).toContain('Backend &amp; Data');
    expect(sut.html).toContain(`href="${link.replace(/&/g, '&amp;')}"`);
  });

  it('carries the one link and the due date', () => {
    expect(sut.text.match(/https?:\/\/\S+/g)).toEqual([link]);
    expect(sut.text).toContain('Mon, 02 Mar 2026 14:30 UTC');
  });
});

describe(escalationMail.name, () => {
  const sut = escalationMail({
    recruiterName: 'Rae',
    candidateName: 'Ada',
    roleTitle: 'Backend',
    sessionTitle: 'Final',
    organizationName: 'Acme',
    panelSize: 3,
    overdue: [{ name: hostile, email: 'bob@example.test', opened: true }],
    remindersSent: 2,
    dueAt: due,
    minResponses: 2,
    responses: 1,
    link: 'https://closer.example/dashboard',
  });

  it('names the overdue interviewers, escaped', () => {
    expect(sut.subject).toBe('Feedback overdue: 1 of 3 interviewers for Ada');
    expect(sut.text).toContain(`- ${hostile} <bob@example.test> (opened the form)`);
    expect(sut.html).toContain('&lt;script&gt;');
    expect(sut.html).not.toContain('<script>');
    expect(sut.text).toContain('after 2 reminders');
    expect(sut.text).toContain('1 of the 2 responses needed');
  });
});

describe(answerReadyMail.name, () => {
  const sut = answerReadyMail({
    candidateName: 'Ada <Lovelace>',
    organizationName: 'Acme',
    roleTitle: 'Backend',
    link: 'https://closer.example/c/t',
  });

  it('points to the portal only, escaped', () => {
    expect(sut.text.match(/https?:\/\/\S+/g)).toEqual(['https://closer.example/c/t']);
    expect(sut.html).toContain('Ada &lt;Lovelace&gt;');
    expect(sut.subject).toBe('Your answer from Acme is ready');
  });
});

describe(sessionCancelledMail.name, () => {
  const sut = sessionCancelledMail({
    candidateName: hostile,
    organizationName: 'Northwind <Talent>',
    roleTitle: 'Backend & Data',
    startsAt: due,
  });

  it('escapes every user-supplied string in the HTML part and speaks for the organization', () => {
    expect(sut.html).not.toContain('<script>');
    expect(sut.html).toContain('&lt;script&gt;');
    expect(sut.html).toContain('Northwind &lt;Talent&gt;');
    expect(sut.html).toContain('Backend &amp; Data');
    expect(sut.subject).toBe('Your interview with Northwind <Talent> on Mon, 02 Mar 2026 14:30 UTC is cancelled');
  });

  it('carries no link at all: nothing is left to do', () => {
    expect(sut.text.match(/https?:\/\/\S+/g)).toBeNull();
    expect(sut.html).not.toContain('href=');
  });
});

describe(noAnswerNoteMail.name, () => {
  const sut = noAnswerNoteMail({ candidateName: hostile, organizationName: 'Northwind Talent', roleTitle: 'Backend & Data' });

  it('says kindly that not enough feedback could be gathered, escaped, without a link', () => {
    expect(sut.text).toContain('we could not gather enough feedback from the panel');
    expect(sut.html).not.toContain('<script>');
    expect(sut.html).toContain('Backend &amp; Data');
    expect(sut.text.match(/https?:\/\/\S+/g)).toBeNull();
    expect(sut.subject).toBe('About your interview with Northwind Talent');
  });
});
