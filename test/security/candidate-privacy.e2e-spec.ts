import { randomBytes } from 'node:crypto';

import fc from 'fast-check';

import { FIT_BANDS } from './support/fields';
import { CONTROL, HOSTILE_TEXTS, LINE_BREAK } from './support/hostile';
import { SecuritySuite } from './support/security-suite';
import {
  addCandidate,
  addInterviewer,
  completeSession,
  createRole,
  DECLINE,
  formsOf,
  ok,
  RoleRef,
  schedule,
  SUBMIT,
} from './support/world';

const RUNS = Number(process.env.SECURITY_RUNS ?? 1);

const PORTAL = `query($token: String!) { candidatePortal(token: $token) { candidateName sessions {
  sessionId title roleTitle startsAt status fitFeedbackRequested
  answer { fitBand fitScore profile { criterion kind level } strengths gaps nextSteps message releasedAt } } } }`;

let counter = 0;

/** Text unique to one run (a marker no template or label contains), with random unicode around it. */
const secret = (kind: string) =>
  fc
    .tuple(
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.constantFrom('', ...HOSTILE_TEXTS.slice(0, 6)),
      fc.uint8Array({ minLength: 6, maxLength: 6 }),
    )
    .map(([noise, hostile, bytes]) => {
      const marker = `${kind}${Buffer.from(bytes).toString('hex')}${(counter++).toString(36)}`;
      const clean = noise.replace(new RegExp(CONTROL.source, 'g'), '');
      // a name is a single line; free text keeps its line breaks
      const text = kind === 'iname' ? clean.replace(new RegExp(LINE_BREAK.source, 'g'), ' ') : clean;
      return { marker, text: `${text} ${hostile} ${marker}`.trim() };
    });

const member = fc.record({
  name: secret('iname'),
  strengths: secret('strength'),
  gaps: secret('gap'),
  nextSteps: secret('istep'),
  privateNote: secret('private'),
  ratingNote: secret('rnote'),
  declineReason: secret('decline'),
  overallFit: fc.constantFrom(...FIT_BANDS),
  ratings: fc.array(fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }), { minLength: 3, maxLength: 3 }),
  declines: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
  shareMessage: fc.boolean(),
});

/**
 * The candidate's side never names an interviewer: for randomly generated panels (2–5 people,
 * random names, notes and free texts, some declining), once the answer is released, neither the
 * portal's JSON nor any mail sent to the candidate holds an interviewer's name or address, a
 * private note, a response's own strengths/gaps/next-steps text, a rating note or a decline reason.
 */
describe('candidate privacy over random panels', () => {
  let suite: SecuritySuite;
  let roles: RoleRef[];
  const secrets: { candidateEmail: string; markers: string[] }[] = [];
  let runs = 0;
  let released = 0;

  beforeAll(async () => {
    suite = await SecuritySuite.start({ worker: true });
    const call = suite.recruiter('acme');
    ok(await call('mutation { updateOrganization(input: { minResponsesForAnswer: 2, shareScoreWithCandidates: true }) { id } }'));
    roles = [
      await createRole(call, 'Platform engineer', 'AUTO_RELEASE', ['Distributed systems', 'Go', 'Incident response']),
      await createRole(call, 'Data engineer', 'RECRUITER_REVIEW', ['SQL', 'Pipelines', 'Communication']),
    ];
  }, 60_000);

  afterAll(async () => {
    console.log(
      `candidate privacy: ${runs} random panels, ${released} answers released, ${secrets.reduce((n, s) => n + s.markers.length, 0)} private texts checked`,
    );
    await suite?.close();
  });

  it('the portal shows the aggregate only: no interviewer identity, note or individual free text', async () => {
    const call = suite.recruiter('acme');
    await fc.assert(
      fc.asyncProperty(
        // the first two always answer and share a message, so every answer has one to check
        fc
          .array(member, { minLength: 2, maxLength: 5 })
          .map((panel) => panel.map((m, i) => (i < 2 ? { ...m, declines: false, shareMessage: true } : m))),
        fc.nat({ max: 1 }),
        fc.boolean(),
        async (panel, roleIndex, replaceMessage) => {
          runs++;
          const role = roles[roleIndex];
          const tag = randomBytes(4).toString('hex');
          const candidate = await addCandidate(call, `Candidate ${tag}`, `candidate-${tag}@example.test`);
          const people = [];
          for (const [i, m] of panel.entries()) people.push(await addInterviewer(call, m.name.text, `${m.name.marker}.${i}@panel.example`));
          const sessionId = await schedule(
            call,
            candidate.id,
            role.id,
            people.map((p) => p.id),
            `Interview ${tag}`,
          );
          const portalToken = suite.portalToken(candidate.id);
          ok(
            await suite.anonymous(
              'mutation($token: String!, $id: ID!) { requestFitFeedback(token: $token, sessionId: $id) { sessionId } }',
              { token: portalToken, id: sessionId },
            ),
          );
          await completeSession(call, sessionId);
          const forms = await formsOf(suite, sessionId);
          const shared: string[] = [];
          for (const [i, m] of panel.entries()) {
            const token = suite.formToken(forms[i]);
            if (m.declines) {
              ok(await suite.anonymous(DECLINE, { token, reason: m.declineReason.text }));
              continue;
            }
            const candidateMessage = m.shareMessage ? `Thank you ${tag}-${i}, it was a pleasure.` : null;
            if (candidateMessage) shared.push(candidateMessage);
            ok(
              await suite.anonymous(SUBMIT, {
                token,
                input: {
                  overallFit: m.overallFit,
                  strengths: m.strengths.text,
                  gaps: m.gaps.text,
                  nextSteps: m.nextSteps.text,
                  privateNote: m.privateNote.text,
                  candidateMessage,
                  ratings: role.criteria.map((criterionId, c) => ({
                    criterionId,
                    rating: m.ratings[c],
                    note: c === 0 ? m.ratingNote.text : null,
                  })),
                },
              }),
            );
          }
          const [answer] = await suite.query<{ id: string; status: string }>(
            'SELECT id, status FROM candidate_answers WHERE session_id = $1',
            [sessionId],
          );
          if (answer.status === 'AWAITING_REVIEW') {
            const message = replaceMessage ? `A note from the recruiter ${tag}` : null;
            ok(
              await call('mutation($id: ID!, $m: String) { releaseCandidateAnswer(id: $id, message: $m) { id } }', {
                id: answer.id,
                m: message,
              }),
            );
          }

          const portal = ok<{ candidatePortal: { sessions: { answer: { message: string | null; fitBand: string } | null }[] } }>(
            await suite.anonymous(PORTAL, { token: portalToken }),
          );
          const json = JSON.stringify(portal);
          const markers = panel.flatMap((m, i) => [
            m.name.marker,
            `${m.name.marker}.${i}@panel.example`,
            m.strengths.marker,
            m.gaps.marker,
            m.nextSteps.marker,
            m.privateNote.marker,
            m.ratingNote.marker,
            m.declineReason.marker,
          ]);
          secrets.push({ candidateEmail: candidate.email, markers });
          expect(markers.filter((marker) => json.includes(marker))).toEqual([]);
          for (const person of people) {
            expect(json).not.toContain(person.id);
            expect(json.toLowerCase()).not.toContain(person.email.toLowerCase());
          }
          // the control: a released answer is really there, with the shared messages and nothing
          // saying whose they are (in code-unit order, not the panel's), or the recruiter's own note
          const view = portal.candidatePortal.sessions[0].answer;
          expect(shared.length).toBeGreaterThanOrEqual(2);
          expect(view).not.toBeNull();
          released++;
          const recruiterNote = answer.status === 'AWAITING_REVIEW' && replaceMessage ? `A note from the recruiter ${tag}` : null;
          expect(view!.message).toBe(recruiterNote ?? [...shared].sort().join('\n\n'));
        },
      ),
      { numRuns: Math.max(1, Math.round(25 * RUNS)) },
    );
  }, 60_000);

  it('no mail to a candidate names an interviewer or quotes a note', async () => {
    await suite.drain(20_000);
    let checked = 0;
    for (const { candidateEmail, markers } of secrets) {
      const mails = suite.smtp.mails.filter((mail) => mail.to.includes(candidateEmail));
      expect(mails.length).toBeGreaterThanOrEqual(1);
      for (const mail of mails) {
        const content = `${mail.subject}\n${mail.text}\n${mail.html}`;
        expect({ subject: mail.subject, leaked: markers.filter((marker) => content.includes(marker)) }).toEqual({
          subject: mail.subject,
          leaked: [],
        });
        checked++;
      }
    }
    const answerMails = suite.smtp.mails.filter((mail) => mail.subject.startsWith('Your answer from')).length;
    expect(answerMails).toBe(released);
    console.log(`candidate privacy: ${checked} mails to candidates checked (${answerMails} answer-ready)`);
  }, 30_000);
});
