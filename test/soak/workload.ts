// The soak's users, each a loop with its own think time, so the total concurrency is fixed:
// recruiters schedule, complete and cancel sessions and read dashboards and lists; interviewers
// open the forms they were mailed and submit, decline or ignore them; candidates open their
// portal, ask the closing question and rate the answer; a hostile client sends bad input and a
// guesser tries link tokens. The working set stays bounded: a fixed pool of organizations and
// interviewers, dashboards and lists over a sliding window, users that forget what they did.
import { randomBytes } from 'node:crypto';

import type { CapturedMail } from '@closer/mailbox';
import { signTestJwt } from '@closer/testing';

import { random } from '../../bench/support/load';
import { DEV_CONFIG, PUBLIC_URL, sleep, SystemStack } from '../system/support/system-stack';
import { loopbackFor, SoakClient } from './client';

/**
 * Org settings in CLOSER_HOUR_MS "hours": reminders at 12 and 24, escalation after the last one,
 * expiry and composition at 36 — with an hour of 2 s, every form's life fits in 72 s.
 */
export const SOAK_SETTINGS = { feedbackDeadlineHours: 36, reminderHours: [12, 24], minResponsesForAnswer: 2 };
const INTERVIEWERS_PER_ORG = 9;
const PANEL = 3;
/** Interviewers and candidates come from these many loopback addresses each (see client.ts). */
const CLIENT_IPS = 32;
const GUESSER_IP = '127.0.0.2';
const HOSTILE_IP = '127.0.0.3';

export interface SoakOrg {
  slug: string;
  token: string;
  roles: { id: string; criteria: number }[];
  interviewerIds: string[];
}

/** What a recruiter will do with a session they scheduled. */
interface Settle {
  org: SoakOrg;
  sessionId: string;
  action: 'complete' | 'cancel';
}

interface Due<T> {
  at: number;
  item: T;
}

/** A list of things to do at a time; lanes take whatever is due. */
class Agenda<T> {
  private items: Due<T>[] = [];

  add(at: number, item: T): void {
    this.items.push({ at, item });
  }

  take(now = Date.now()): T | undefined {
    const index = this.items.findIndex((due) => due.at <= now);
    return index < 0 ? undefined : this.items.splice(index, 1)[0].item;
  }

  get size(): number {
    return this.items.length;
  }
}

const tokenOf = (mail: CapturedMail, path: 'f' | 'c') =>
  mail.links.find((link) => link.startsWith(`${PUBLIC_URL}/${path}/`))?.slice(`${PUBLIC_URL}/${path}/`.length);

export class Workload {
  readonly counts = {
    scheduled: 0,
    completed: 0,
    cancelled: 0,
    autoCompleting: 0,
    submitted: 0,
    declined: 0,
    ignored: 0,
    asked: 0,
    rated: 0,
    released: 0,
    withheld: 0,
  };
  private readonly rand = random(20_260_101);
  private readonly toComplete = new Agenda<Settle>();
  private readonly forms = new Agenda<{ token: string; ip: string }>();
  private readonly portals = new Agenda<{ token: string; ip: string; rate: boolean }>();
  /** portal token by candidate address, until their answer arrived (forgotten after 10 minutes) */
  private readonly portalTokens = new Map<string, { token: string; at: number }>();
  private readonly recentSessions: { org: SoakOrg; id: string }[] = [];
  private stopping = false;
  private sequence = 0;

  constructor(
    private readonly stack: SystemStack,
    readonly client: SoakClient,
    readonly orgs: SoakOrg[],
  ) {
    stack.smtp.on('mail', (mail: CapturedMail) => this.onMail(mail));
  }

  /** `count` organizations as their recruiters create them through the gateway. */
  static async setUp(stack: SystemStack, client: SoakClient, count: number): Promise<Workload> {
    const orgs: SoakOrg[] = [];
    for (let index = 1; index <= count; index++) {
      const slug = `soak-${index}`;
      const token = await signTestJwt(
        DEV_CONFIG.auth.jwtSecret!,
        { org: slug, sub: `recruiter-${index}`, email: `recruiter@${slug}.test` },
        { expiresIn: '24h' },
      );
      const must = async <T>(kind: string, query: string, variables: Record<string, unknown> = {}) => {
        const answer = await client.graphql<T>(kind, query, variables, { token });
        if (!answer.data) throw new Error(`setting up ${slug}: ${kind} answered ${answer.code}`);
        return answer.data;
      };
      await must('setup', 'mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { id } }', {
        input: SOAK_SETTINGS,
      });
      const roles: SoakOrg['roles'] = [];
      for (const answerPolicy of ['AUTO_RELEASE', 'RECRUITER_REVIEW']) {
        const { createRole } = await must<{ createRole: { id: string; criteria: unknown[] } }>(
          'setup',
          'mutation($input: CreateRoleInput!) { createRole(input: $input) { id criteria { id } } }',
          {
            input: {
              title: answerPolicy === 'AUTO_RELEASE' ? 'Platform engineer' : 'Engineering manager',
              answerPolicy,
              nextSteps: 'A call with the team lead',
              criteria: [
                { label: 'PostgreSQL', kind: 'SKILL', weight: 4 },
                { label: 'Distributed systems', kind: 'EXPERIENCE', weight: 3 },
                { label: 'Clear writing', kind: 'QUALITY', weight: 2 },
                { label: 'Mentoring', kind: 'QUALITY', weight: 5 },
              ],
            },
          },
        );
        roles.push({ id: createRole.id, criteria: createRole.criteria.length });
      }
      const interviewerIds: string[] = [];
      for (let seat = 1; seat <= INTERVIEWERS_PER_ORG; seat++) {
        const { addInterviewer } = await must<{ addInterviewer: { id: string } }>(
          'setup',
          'mutation($input: AddInterviewerInput!) { addInterviewer(input: $input) { id } }',
          { input: { name: `Interviewer ${seat}`, email: `interviewer-${seat}@${slug}.test` } },
        );
        interviewerIds.push(addInterviewer.id);
      }
      orgs.push({ slug, token, roles, interviewerIds });
    }
    return new Workload(stack, client, orgs);
  }

  /** Runs every lane until `until` (ms since the epoch). */
  async run(until: number): Promise<void> {
    const lane = async (thinkMs: number, step: () => Promise<void>) => {
      while (Date.now() < until) {
        await step();
        await sleep(thinkMs * (0.5 + this.rand()));
      }
    };
    await Promise.all([
      lane(2_000, () => this.scheduleOne()),
      lane(2_000, () => this.scheduleOne()),
      lane(500, () => this.completeDue()),
      ...Array.from({ length: 4 }, () => lane(250, () => this.answerDueForm())),
      ...Array.from({ length: 2 }, () => lane(400, () => this.visitDuePortal())),
      lane(700, () => this.readAsRecruiter()),
      lane(2_000, () => this.reviewAnswers()),
      lane(1_000, () => this.sendHostile()),
      lane(300, () => this.guessLink()),
    ]);
  }

  /** After the load: completes what recruiters left scheduled, as they would at the end of the day. */
  async completeLeftovers(): Promise<void> {
    this.stopping = true;
    let due: Settle | undefined;
    while ((due = this.toComplete.take(Infinity))) await this.settle(due);
  }

  get backlog(): { forms: number; portals: number; toComplete: number } {
    return { forms: this.forms.size, portals: this.portals.size, toComplete: this.toComplete.size };
  }

  // --- mail: what interviewers and candidates find in their inboxes ---------------------------

  private onMail(mail: CapturedMail): void {
    if (this.stopping) return;
    const to = mail.to[0] ?? '';
    const later = (minMs: number, maxMs: number) => Date.now() + minMs + this.rand() * (maxMs - minMs);
    if (mail.subject.startsWith('Your feedback on ')) {
      const token = tokenOf(mail, 'f');
      if (token) this.forms.add(later(2_000, 20_000), { token, ip: loopbackFor(to, 1, CLIENT_IPS) });
    } else if (mail.subject.startsWith('Your interview with ')) {
      const token = tokenOf(mail, 'c');
      if (!token) return;
      this.portalTokens.set(to, { token, at: Date.now() });
      this.portals.add(later(1_000, 10_000), { token, ip: loopbackFor(to, 2, CLIENT_IPS), rate: false });
      for (const [address, entry] of this.portalTokens) if (entry.at < Date.now() - 600_000) this.portalTokens.delete(address);
    } else if (mail.subject.startsWith('Your answer from ')) {
      const entry = this.portalTokens.get(to);
      this.portalTokens.delete(to);
      if (entry) this.portals.add(later(1_000, 10_000), { token: entry.token, ip: loopbackFor(to, 2, CLIENT_IPS), rate: true });
    }
  }

  // --- recruiters ---------------------------------------------------------------------------

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rand() * items.length)];
  }

  private async scheduleOne(): Promise<void> {
    const org = this.pick(this.orgs);
    const n = ++this.sequence;
    const added = await this.client.graphql<{ addCandidate: { id: string } }>(
      'addCandidate',
      'mutation($input: AddCandidateInput!) { addCandidate(input: $input) { id } }',
      { input: { name: `Candidate ${n}`, email: `candidate-${n}@${org.slug}.example.test` } },
      { token: org.token },
    );
    if (!added.data) return;
    const panel = [...org.interviewerIds].sort(() => this.rand() - 0.5).slice(0, PANEL);
    // most sessions are completed by their recruiter; some end on their own (the sweeper
    // completes them at endsAt); a few are cancelled
    const roll = this.rand();
    const mode = roll < 0.65 ? 'complete' : roll < 0.9 ? 'auto' : 'cancel';
    const now = Date.now();
    const endsAt = mode === 'auto' ? now + 10_000 + this.rand() * 20_000 : now + 3_600_000;
    const scheduled = await this.client.graphql<{ scheduleSession: { id: string } }>(
      'scheduleSession',
      'mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id status forms { id } } }',
      {
        input: {
          candidateId: added.data.addCandidate.id,
          roleId: this.pick(org.roles).id,
          interviewerIds: panel,
          title: `Onsite ${n}`,
          startsAt: new Date(now - 3_600_000).toISOString(),
          endsAt: new Date(endsAt).toISOString(),
        },
      },
      { token: org.token },
    );
    if (!scheduled.data) return;
    const sessionId = scheduled.data.scheduleSession.id;
    this.counts.scheduled++;
    this.remember({ org, id: sessionId });
    if (this.rand() < 0.15) {
      const asked = await this.client.graphql(
        'recordFitFeedbackRequest',
        'mutation($id: ID!) { recordFitFeedbackRequest(sessionId: $id) { id } }',
        { id: sessionId },
        { token: org.token },
      );
      if (asked.data) this.counts.asked++;
    }
    if (mode === 'auto') this.counts.autoCompleting++;
    else this.toComplete.add(now + 3_000 + this.rand() * 10_000, { org, sessionId, action: mode });
  }

  private remember(session: { org: SoakOrg; id: string }): void {
    this.recentSessions.push(session);
    if (this.recentSessions.length > 50) this.recentSessions.shift();
  }

  private async completeDue(): Promise<void> {
    const due = this.toComplete.take();
    if (due) await this.settle(due);
  }

  private async settle(due: Settle): Promise<void> {
    if (due.action === 'cancel') {
      const cancelled = await this.client.graphql(
        'cancelSession',
        'mutation($id: ID!) { cancelSession(id: $id) { id status } }',
        { id: due.sessionId },
        { token: due.org.token },
      );
      if (cancelled.data) this.counts.cancelled++;
      return;
    }
    const completed = await this.client.graphql(
      'completeSession',
      'mutation($id: ID!) { completeSession(id: $id) { id status feedbackDueAt forms { id status } } }',
      { id: due.sessionId },
      { token: due.org.token },
    );
    if (completed.data) this.counts.completed++;
  }

  private async readAsRecruiter(): Promise<void> {
    const org = this.pick(this.orgs);
    const from = new Date(Date.now() - 10 * 60_000).toISOString();
    const read = this.rand();
    if (read < 0.3) {
      await this.client.graphql('dashboard', DASHBOARD, { from }, { token: org.token });
    } else if (read < 0.6) {
      await this.client.graphql('sessions', SESSIONS, { first: 20, status: this.rand() < 0.5 ? 'COMPLETED' : null }, { token: org.token });
    } else if (read < 0.8) {
      const recent = this.recentSessions.filter((session) => session.org === org);
      if (recent.length) await this.client.graphql('session', SESSION, { id: this.pick(recent).id }, { token: org.token });
    } else {
      await this.client.graphql(
        'candidates',
        '{ candidates(first: 20) { totalCount nodes { id name sessions { id status } } } }',
        {},
        { token: org.token },
      );
    }
  }

  /** Answers waiting for review (the role's policy, or a flagged wording): released, a few withheld. */
  private async reviewAnswers(): Promise<void> {
    const org = this.pick(this.orgs);
    const list = await this.client.graphql<{ sessions: { nodes: { answer: { id: string; status: string } | null }[] } }>(
      'sessions',
      SESSIONS,
      { first: 20, status: 'COMPLETED' },
      { token: org.token },
    );
    for (const node of list.data?.sessions.nodes ?? []) {
      if (node.answer?.status !== 'AWAITING_REVIEW') continue;
      if (this.rand() < 0.85) {
        const released = await this.client.graphql(
          'releaseCandidateAnswer',
          'mutation($id: ID!) { releaseCandidateAnswer(id: $id) { id status } }',
          { id: node.answer.id },
          { token: org.token, expect: ['CONFLICT'] },
        );
        if (released.data) this.counts.released++;
      } else {
        const withheld = await this.client.graphql(
          'withholdCandidateAnswer',
          'mutation($id: ID!) { withholdCandidateAnswer(id: $id, reason: "Not enough evidence yet") { id status } }',
          { id: node.answer.id },
          { token: org.token, expect: ['CONFLICT'] },
        );
        if (withheld.data) this.counts.withheld++;
      }
    }
  }

  // --- interviewers -------------------------------------------------------------------------

  private async answerDueForm(): Promise<void> {
    const due = this.forms.take();
    if (!due) return;
    const roll = this.rand();
    if (roll < 0.1) {
      this.counts.ignored++; // never opened: reminders, an escalation, expiry
      return;
    }
    const opened = await this.client.graphql<{ feedbackForm: { status: string; criteria: { id: string }[] } }>(
      'feedbackForm',
      FORM,
      { token: due.token },
      { ip: due.ip },
    );
    if (!opened.data) return;
    if (roll < 0.2) {
      this.counts.ignored++; // opened, never answered
    } else if (roll < 0.32) {
      const declined = await this.client.graphql(
        'declineFeedbackForm',
        'mutation($token: String!) { declineFeedbackForm(token: $token, reason: "I was not in this interview") { formId status } }',
        { token: due.token },
        { ip: due.ip },
      );
      if (declined.data) this.counts.declined++;
    } else {
      const submitted = await this.client.graphql(
        'submitFeedback',
        SUBMIT,
        { token: due.token, input: this.feedback(opened.data.feedbackForm.criteria) },
        { ip: due.ip },
      );
      if (submitted.data) this.counts.submitted++;
    }
  }

  private feedback(criteria: { id: string }[]): Record<string, unknown> {
    const bands = ['NOT_A_FIT', 'PARTIAL_FIT', 'GOOD_FIT', 'STRONG_FIT'];
    return {
      candidateAskedForFeedback: this.rand() < 0.2,
      overallFit: this.pick(bands),
      ratings: criteria.map((criterion) => ({
        criterionId: criterion.id,
        rating: this.rand() < 0.1 ? null : 1 + Math.floor(this.rand() * 4),
      })),
      strengths: 'Clear reasoning about trade-offs',
      gaps: 'Little evidence of on-call work',
      nextSteps: 'Meet the team lead',
      // now and then a wording the check holds for review
      candidateMessage: this.rand() < 0.1 ? 'Not sure about culture fit.' : 'Thank you for a thoughtful conversation.',
      privateNote: 'Compare with the other finalists',
    };
  }

  // --- candidates ---------------------------------------------------------------------------

  private async visitDuePortal(): Promise<void> {
    const due = this.portals.take();
    if (!due) return;
    const portal = await this.client.graphql<{
      candidatePortal: { sessions: { sessionId: string; fitFeedbackRequested: boolean; answer: unknown }[] };
    }>('candidatePortal', PORTAL, { token: due.token }, { ip: due.ip });
    const session = portal.data?.candidatePortal.sessions[0];
    if (!session) return;
    if (due.rate) {
      if (!session.answer) return;
      const rated = await this.client.graphql(
        'rateCandidateAnswer',
        'mutation($token: String!, $sessionId: ID!, $helpful: Boolean!) { rateCandidateAnswer(token: $token, sessionId: $sessionId, helpful: $helpful, comment: "Thanks") { sessionId } }',
        { token: due.token, sessionId: session.sessionId, helpful: this.rand() < 0.8 },
        { ip: due.ip },
      );
      if (rated.data) this.counts.rated++;
    } else if (!session.fitFeedbackRequested && this.rand() < 0.6) {
      // cancelled meanwhile: CONFLICT is the right answer
      const asked = await this.client.graphql(
        'requestFitFeedback',
        'mutation($token: String!, $sessionId: ID!) { requestFitFeedback(token: $token, sessionId: $sessionId) { sessionId fitFeedbackRequested } }',
        { token: due.token, sessionId: session.sessionId },
        { ip: due.ip, expect: ['CONFLICT'] },
      );
      if (asked.data) this.counts.asked++;
    }
  }

  // --- hostile clients ----------------------------------------------------------------------

  private async sendHostile(): Promise<void> {
    const org = this.pick(this.orgs);
    const attempt = this.pick(HOSTILE);
    await this.client.graphql(
      `hostile:${attempt.name}`,
      attempt.body ?? attempt.query!,
      typeof attempt.variables === 'function' ? attempt.variables() : (attempt.variables ?? {}),
      { token: attempt.anonymous ? undefined : org.token, ip: HOSTILE_IP, expect: 'refused' },
    );
  }

  /** One made-up link token at a time from one address: nothing found, and most of it refused by the rate limit. */
  private async guessLink(): Promise<void> {
    const token = randomBytes(32).toString('base64url');
    if (this.rand() < 0.5) await this.client.graphql('guess:feedbackForm', FORM, { token }, { ip: GUESSER_IP, expect: 'refused' });
    else await this.client.graphql('guess:candidatePortal', PORTAL, { token }, { ip: GUESSER_IP, expect: 'refused' });
  }
}

const DASHBOARD = `query($from: DateTime) { closingFeedbackDashboard(from: $from) {
  sessionsCompleted fitFeedbackRequested formsSent formsSubmitted responseRate medianHoursToFeedback answersReleased
  answersWithheld formsDeclined medianHoursToAnswer helpfulRate fitDistribution { band count }
  criteria { criterion { id label } roleTitle averageRating ratedCount lackingCount }
  interviewers { interviewer { id name } formsSent formsSubmitted medianHoursToFeedback averageOverallFit calibrationDelta }
  weekly { weekStart sessionsCompleted responseRate averageFitScore } } }`;

const SESSIONS = `query($first: Int, $status: SessionStatus) { sessions(first: $first, filter: { status: $status }) {
  totalCount pageInfo { endCursor hasNextPage }
  nodes { id title status fitFeedbackRequested candidate { id name } forms { id status remindersSent } answer { id status fitBand } } } }`;

const SESSION = `query($id: ID!) { session(id: $id) {
  id status completedAt feedbackDueAt candidate { name } role { title criteria { label weight } } interviewers { name }
  forms { status sentAt openedAt submittedAt remindersSent lastError response { overallFit ratings { rating criterion { label } } } }
  answer { status fitBand fitScore profile { criterion level } strengths gaps message flags responsesCount } } }`;

const FORM = `query($token: String!) { feedbackForm(token: $token) {
  formId status candidateName roleTitle sessionTitle interviewerName criteria { id label kind weight } candidateAskedForFeedback expiresAt } }`;

const SUBMIT = `mutation($token: String!, $input: SubmitFeedbackInput!) { submitFeedback(token: $token, input: $input) { formId status } }`;

const PORTAL = `query($token: String!) { candidatePortal(token: $token) {
  candidateName sessions { sessionId title roleTitle status fitFeedbackRequested answer { fitBand profile { criterion level } strengths gaps nextSteps message } } } }`;

const uuid = () => {
  const hex = randomBytes(16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/** Bad input and bad requests a client may send: each must be refused, never a server error. */
const HOSTILE: {
  name: string;
  query?: string;
  body?: Buffer;
  variables?: Record<string, unknown> | (() => Record<string, unknown>);
  anonymous?: boolean;
}[] = [
  {
    name: 'addCandidate-bad-email',
    query: 'mutation($input: AddCandidateInput!) { addCandidate(input: $input) { id } }',
    variables: { input: { name: "Robert'); DROP TABLE candidates;--", email: 'not an address' } },
  },
  {
    name: 'scheduleSession-ends-before-start',
    query: 'mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }',
    variables: () => ({
      input: {
        candidateId: uuid(),
        roleId: uuid(),
        interviewerIds: [uuid()],
        title: 'x',
        startsAt: '2030-01-02T00:00:00Z',
        endsAt: '2030-01-01T00:00:00Z',
      },
    }),
  },
  {
    name: 'completeSession-unknown-id',
    query: 'mutation($id: ID!) { completeSession(id: $id) { id } }',
    variables: () => ({ id: uuid() }),
  },
  { name: 'cancelSession-malformed-id', query: 'mutation($id: ID!) { cancelSession(id: $id) { id } }', variables: { id: "1' OR '1'='1" } },
  {
    name: 'updateOrganization-reminder-after-deadline',
    query: 'mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { id } }',
    variables: { input: { feedbackDeadlineHours: 10, reminderHours: [12] } },
  },
  { name: 'sessions-page-too-large', query: '{ sessions(first: 100000) { totalCount } }' },
  { name: 'sessions-forged-cursor', query: '{ sessions(after: "eyJpZCI6IjEifQ") { totalCount } }' },
  {
    name: 'dashboard-range-reversed',
    query: '{ closingFeedbackDashboard(from: "2030-01-01T00:00:00Z", to: "2020-01-01T00:00:00Z") { sessionsCompleted } }',
  },
  { name: 'me-without-token', query: '{ me { id } }', anonymous: true },
  {
    name: 'too-deep',
    query: `{ sessions { nodes { candidate { sessions { candidate { sessions { candidate { sessions { candidate { sessions { id } } } } } } } } } } }`,
  },
  { name: 'unknown-field', query: '{ organizations { id } }' },
  { name: 'malformed-json', body: Buffer.from('{"query": "{ me { id } ') },
  {
    name: 'submitFeedback-forged-token',
    query: SUBMIT,
    variables: () => ({
      token: randomBytes(32).toString('base64url'),
      input: { overallFit: 'GOOD_FIT', ratings: [], strengths: '<script>x</script>', gaps: '' },
    }),
    anonymous: true,
  },
];
