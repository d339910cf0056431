import { answerReadyMail } from './answer-ready.template';
import { escalationMail } from './escalation.template';
import { formReminderMail } from './form-reminder.template';

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
