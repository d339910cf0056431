import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { createLinkToken } from '@closer/domain';
import fc from 'fast-check';

import { ensureWebBuilt } from '../web/support/web-build';
import { FIT_BANDS, Verdicts, wellFormed } from './support/fields';
import {
  booleanField,
  dateOf,
  enumField,
  HOSTILE_TEXTS,
  hostileId,
  hostileString,
  intField,
  isUuid,
  Sample,
  textField,
} from './support/hostile';
import { BODY_LIMIT_BYTES, bodyBytes, Expected, Prober } from './support/outcome';
import { Call, GqlResult, SecuritySuite } from './support/security-suite';
import {
  addInterviewer,
  buildWorld,
  completeSession,
  createRole,
  DECLINE,
  idsOf,
  ok,
  RoleRef,
  schedule,
  SUBMIT,
  World,
} from './support/world';

const RUNS = Number(process.env.SECURITY_RUNS ?? 1);
const runs = (n: number) => ({ numRuns: Math.max(1, Math.round(n * RUNS)) });
const trimmed = (value: unknown) => wellFormed(String(value).trim());

function outcome(v: Verdicts, next: () => Expected): Expected {
  if (v.types.length > 0) return { kind: 'type', paths: v.types };
  if (v.invalid.length > 0) return { kind: 'invalid', fields: v.invalid };
  return next();
}

/** A token as a hostile holder might present it, with what the contract promises for it. */
interface TokenCase {
  token: unknown;
  /** null: a valid token of a form (or portal) that can still be answered, picked when the request is made */
  expected: Expected | null;
}

/**
 * The link operations (interviewers' form, candidates' portal) and the recruiters' queries,
 * fed hostile tokens, ids and inputs through the gateway: forged, stale, foreign and malformed
 * tokens find nothing; a bad input names its field; nothing changes when refused.
 */
describe('hostile input to link operations and queries', () => {
  let suite: SecuritySuite;
  let prober: Prober;
  let acme: World;
  let globex: World;
  let linkRole: RoleRef;
  let retiredCriterion: string;
  let pool: string[];

  const send = (call: Call, operation: string, query: string, variables: Record<string, unknown>, expected: Expected, hostile: boolean) =>
    prober.probe(operation, bodyBytes(query, variables) > BODY_LIMIT_BYTES ? { kind: 'too-large' } : expected, hostile, () =>
      call(query, variables),
    );

  const accepted = (result: GqlResult, operation: string) =>
    result.status === 200 && !result.body.errors && (result.body.data as Record<string, unknown> | null)?.[operation] != null;

  beforeAll(async () => {
    suite = await SecuritySuite.start();
    prober = new Prober(suite);
    acme = await buildWorld(suite, 'acme');
    globex = await buildWorld(suite, 'globex');
    // a role whose profile was edited: one criterion retired, three current
    linkRole = await createRole(acme.call, 'Link role', 'AUTO_RELEASE', ['Alpha', 'Beta', 'Gamma', 'Delta']);
    ok(
      await acme.call('mutation($id: ID!, $input: UpdateRoleProfileInput!) { updateRoleProfile(id: $id, input: $input) { id } }', {
        id: linkRole.id,
        input: { criteria: ['Alpha', 'Beta', 'Gamma'].map((label) => ({ label, kind: 'SKILL', weight: 3 })) },
      }),
    );
    retiredCriterion = linkRole.criteria[3]!;
    linkRole = { id: linkRole.id, criteria: linkRole.criteria.slice(0, 3) };
    // a pool of open forms: two completed sessions with a panel of 20
    const panel: string[] = [];
    for (let i = 0; i < 20; i++) panel.push((await addInterviewer(acme.call, `Panelist ${i}`, `panelist${i}@acme.example`)).id);
    for (let i = 0; i < Math.ceil(3 * RUNS); i++) {
      const title = `Pool ${i}`;
      const id = await schedule(acme.call, acme.candidates.other.id, linkRole.id, panel, title);
      await completeSession(acme.call, id);
    }
    pool = (
      await suite.query<{ id: string }>(
        `SELECT f.id FROM feedback_forms f JOIN interview_sessions s ON s.id = f.session_id WHERE s.title LIKE 'Pool %' ORDER BY f.created_at`,
      )
    ).map((row) => row.id);
    // a stale link (re-sent: version 2 is current), an expired form, a portal link re-sent once
    ok(await acme.call('mutation($id: ID!) { resendFeedbackForm(formId: $id) { id } }', { id: acme.forms.open[0] }));
    await suite.query(`UPDATE feedback_forms SET expires_at = now() - interval '1 hour' WHERE id = $1`, [acme.forms.open[1]]);
    ok(await acme.call('mutation($id: ID!) { sendCandidatePortalLink(candidateId: $id) }', { id: acme.candidates.other.id }));
  }, 60_000);

  afterAll(async () => {
    if (prober) console.log(prober.report('hostile input to link operations and queries'));
    await suite?.close();
  });

  const forged = fc.oneof(
    fc.uint8Array({ minLength: 52, maxLength: 52 }).map((bytes) => Buffer.from(bytes).toString('base64url')),
    fc
      .uuid()
      .map((id) =>
        Buffer.concat([Buffer.from(id.replace(/-/g, ''), 'hex'), Buffer.from([0, 0, 0, 1]), randomBytes(32)]).toString('base64url'),
      ),
    fc.string({ unit: 'binary', maxLength: 80 }),
    hostileString(128),
    fc.constantFrom('', 'A'.repeat(5_000), 'null', '../../f/x', "' OR 1=1 --", '\u0000'),
  );

  /** Tokens of every hostile kind for a link of `purpose`; `valid` cases are the caller's own. */
  function tokens(purpose: 'form' | 'portal', own: TokenCase[], validWeight: number): fc.Arbitrary<TokenCase> {
    const notFound: Expected = { kind: 'error', code: 'NOT_FOUND' };
    const wrongPurpose =
      purpose === 'form'
        ? [suite.portalToken(acme.candidates.main.id), suite.portalToken(globex.candidates.main.id)]
        : [suite.formToken(acme.forms.open[0], 2), suite.formToken(pool[0])];
    const otherSecret = (id: string) => createLinkToken('another secret of 32 characters!!', { purpose, id, version: 1 });
    return fc.oneof(
      { weight: validWeight, arbitrary: fc.constant({ token: '', expected: null }) },
      { weight: 4, arbitrary: forged.map((token) => ({ token, expected: notFound })) },
      { weight: 1, arbitrary: fc.constantFrom(...wrongPurpose).map((token) => ({ token, expected: notFound })) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(pool[0], acme.candidates.main.id).map((id) => ({ token: otherSecret(id), expected: notFound })),
      },
      { weight: 3, arbitrary: fc.constantFrom(...own) },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom<unknown>(42, true, {}, ['x'], null, undefined)
          .map((token) => ({ token, expected: { kind: 'type', paths: ['token'] } satisfies Expected })),
      },
    );
  }

  const formCases = (): TokenCase[] => [
    { token: suite.formToken(acme.forms.open[0], 1), expected: { kind: 'error', code: 'GONE' } },
    { token: suite.formToken(acme.forms.open[1]), expected: { kind: 'error', code: 'GONE' } },
    { token: suite.formToken(acme.forms.cancelled), expected: { kind: 'error', code: 'GONE' } },
    { token: suite.formToken(acme.forms.submitted), expected: { kind: 'error', code: 'CONFLICT' } },
    { token: suite.formToken(acme.forms.declined), expected: { kind: 'error', code: 'CONFLICT' } },
    { token: suite.formToken(acme.forms.scheduled), expected: { kind: 'error', code: 'CONFLICT' } },
    { token: suite.formToken(pool[0], 7), expected: { kind: 'error', code: 'GONE' } },
  ];

  /** The first form of the pool still waiting for an answer. */
  async function openForm(): Promise<string> {
    const [row] = await suite.query<{ id: string }>(
      `SELECT id FROM feedback_forms WHERE id = ANY($1) AND status = 'PENDING' ORDER BY created_at LIMIT 1`,
      [pool],
    );
    if (!row) throw new Error('the pool of open forms ran dry');
    return row.id;
  }

  const criterionId = () =>
    fc.oneof(
      { weight: 24, arbitrary: fc.constantFrom(...linkRole.criteria).chain((id) => fc.constantFrom(id, id.toUpperCase())) },
      { weight: 1, arbitrary: fc.constantFrom(retiredCriterion, ...acme.roles.auto.criteria, ...idsOf(globex).criteria) },
      { weight: 2, arbitrary: hostileId([]).map((id) => id.value) },
    );

  it('submitFeedback: a hostile token finds nothing; with a real one, every bad field is named by its path', async () => {
    const rating = fc.record({
      criterionId: criterionId(),
      rating: intField(1, 4, { required: false, okWeight: 16 }),
      note: textField(1_000, { required: false, plainWeight: 16 }),
    });
    const random = fc.record({
      token: tokens('form', formCases(), 6),
      overallFit: enumField(FIT_BANDS, { required: true, okWeight: 12 }),
      ratings: fc.oneof(
        { weight: 8, arbitrary: fc.array(rating, { maxLength: 4 }) },
        { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
      ),
      strengths: textField(5_000, { required: true, plainWeight: 16 }),
      gaps: textField(5_000, { required: true, plainWeight: 16 }),
      nextSteps: textField(5_000, { required: false, plainWeight: 16 }),
      candidateMessage: textField(5_000, { required: false, plainWeight: 16 }),
      privateNote: textField(5_000, { required: false, plainWeight: 16 }),
      candidateAskedForFeedback: booleanField({ required: false }),
    });
    // a valid answer written in hostile-but-valid text: accepted, and stored as the same plain text
    const okSample = (value: unknown): Sample => ({ value, verdict: 'ok', hostile: true });
    const hostileText = (optional: boolean) => fc.constantFrom<string | null>(...HOSTILE_TEXTS, ...(optional ? [null] : [])).map(okSample);
    const valid = fc.record({
      token: fc.constant<TokenCase>({ token: '', expected: null }),
      overallFit: fc.constantFrom(...FIT_BANDS).map(okSample),
      ratings: fc.shuffledSubarray(linkRole.criteria, { minLength: 1 }).chain((ids) =>
        fc.tuple(
          ...ids.map((id) =>
            fc.record({
              criterionId: fc.constantFrom<unknown>(id, id.toUpperCase()),
              rating: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }).map(okSample),
              note: hostileText(true),
            }),
          ),
        ),
      ),
      strengths: hostileText(false),
      gaps: hostileText(false),
      nextSteps: hostileText(true),
      candidateMessage: hostileText(true),
      privateNote: hostileText(true),
      candidateAskedForFeedback: fc.boolean().map(okSample),
    });
    const arbitrary = fc.oneof({ weight: 1, arbitrary: valid }, { weight: 3, arbitrary: random });
    const query = SUBMIT.replace(
      '{ formId status }',
      '{ formId status response { strengths gaps nextSteps candidateMessage privateNote ratings { rating note } } }',
    );
    await fc.assert(
      fc.asyncProperty(arbitrary, async (sample) => {
        const v = new Verdicts();
        const tokenCase = sample.token;
        const token = tokenCase.expected === null ? suite.formToken(await openForm()) : tokenCase.token;
        if (tokenCase.expected?.kind === 'type') v.type('token');
        if (tokenCase.expected !== null) v.hostile = true;
        const input: Record<string, unknown> = {};
        for (const key of [
          'overallFit',
          'strengths',
          'gaps',
          'nextSteps',
          'candidateMessage',
          'privateNote',
          'candidateAskedForFeedback',
        ] as const) {
          input[key] = v.add(`input.${key}`, sample[key]);
        }
        if (sample.ratings == null) v.type('input.ratings');
        const known = new Map(linkRole.criteria.map((id) => [id, id]));
        const given = new Set<string>();
        input.ratings = sample.ratings?.map((entry, index) => {
          const at = `input.ratings.${index}`;
          const id =
            typeof entry.criterionId === 'string' || typeof entry.criterionId === 'number'
              ? String(entry.criterionId).toLowerCase()
              : undefined;
          if (
            entry.criterionId === null ||
            entry.criterionId === undefined ||
            (typeof entry.criterionId !== 'string' && !Number.isInteger(entry.criterionId))
          ) {
            v.type(`${at}.criterionId`);
          } else if (!id || !known.has(id) || given.has(id)) v.fail(`${at}.criterionId`);
          if (!linkRole.criteria.includes(String(entry.criterionId))) v.hostile = true;
          if (id && known.has(id)) given.add(id);
          return { criterionId: entry.criterionId, rating: v.add(`${at}.rating`, entry.rating), note: v.add(`${at}.note`, entry.note) };
        });
        const expected =
          v.types.length > 0 ? outcome(v, () => ({ kind: 'accepted' })) : (tokenCase.expected ?? outcome(v, () => ({ kind: 'accepted' })));
        const result = await send(suite.anonymous, 'submitFeedback', query, { token, input }, expected, v.hostile);
        if (accepted(result, 'submitFeedback')) {
          const view = (result.body.data as { submitFeedback: { status: string; response: Record<string, unknown> } }).submitFeedback;
          expect(view.status).toBe('SUBMITTED');
          expect(view.response).toMatchObject({ strengths: trimmed(input.strengths), gaps: trimmed(input.gaps) });
          if (typeof input.privateNote === 'string' && input.privateNote.trim())
            expect(view.response.privateNote).toBe(trimmed(input.privateNote));
        }
      }),
      runs(60),
    );
  });

  it('declineFeedbackForm: a hostile token finds nothing; with a real one, a bad reason is named', async () => {
    const arbitrary = fc.record({ token: tokens('form', formCases(), 5), reason: textField(1_000, { required: true }) });
    await fc.assert(
      fc.asyncProperty(arbitrary, async (sample) => {
        const v = new Verdicts();
        const token = sample.token.expected === null ? suite.formToken(await openForm()) : sample.token.token;
        if (sample.token.expected?.kind === 'type') v.type('token');
        if (sample.token.expected !== null) v.hostile = true;
        const reason = v.add('reason', sample.reason);
        const expected =
          v.types.length > 0
            ? outcome(v, () => ({ kind: 'accepted' }))
            : (sample.token.expected ?? outcome(v, () => ({ kind: 'accepted' })));
        const result = await send(suite.anonymous, 'declineFeedbackForm', DECLINE, { token, reason }, expected, v.hostile);
        if (accepted(result, 'declineFeedbackForm')) {
          expect((result.body.data as { declineFeedbackForm: { status: string } }).declineFeedbackForm.status).toBe('DECLINED');
        }
      }),
      runs(40),
    );
  });

  const portalCases = (): TokenCase[] => [
    { token: suite.portalToken(acme.candidates.other.id, 1), expected: { kind: 'error', code: 'GONE' } },
    { token: suite.portalToken(acme.candidates.erased.id, 1), expected: { kind: 'error', code: 'NOT_FOUND' } },
    { token: suite.portalToken(acme.candidates.erased.id, 2), expected: { kind: 'error', code: 'NOT_FOUND' } },
    { token: suite.portalToken(acme.candidates.main.id, 2), expected: { kind: 'error', code: 'GONE' } },
  ];

  /** Sessions a candidate's portal may name: their own, a colleague's, another organization's, or no session at all. */
  function sessionIds(favourite?: string) {
    const own = [
      acme.sessions.scheduled,
      acme.sessions.completed,
      acme.sessions.cancelled,
      acme.sessions.review,
      acme.sessions.released,
      acme.sessions.withheld,
    ];
    return fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...own).chain((id) => fc.constantFrom(id, id.toUpperCase())) },
      { weight: favourite ? 4 : 0, arbitrary: fc.constant(favourite ?? '') },
      { weight: 1, arbitrary: fc.constantFrom(...idsOf(globex).sessions) },
      { weight: 2, arbitrary: hostileId([]).map((id) => id.value) },
    );
  }

  async function sessionState(sessionId: unknown): Promise<{ status: string; answer: string; requested: boolean } | null> {
    if (!isUuid(sessionId)) return null;
    const [row] = await suite.query<{ status: string; answer: string; requested: boolean }>(
      `SELECT s.status, a.status AS answer, EXISTS (SELECT 1 FROM fit_feedback_requests r WHERE r.session_id = s.id) AS requested
         FROM interview_sessions s JOIN candidate_answers a ON a.session_id = s.id WHERE s.id = lower($1)::uuid AND s.candidate_id = $2`,
      [sessionId, acme.candidates.main.id],
    );
    return row ?? null;
  }

  it('requestFitFeedback: a hostile token or a session not the candidate’s finds nothing; CONFLICT for a cancelled one', async () => {
    const query =
      'mutation($token: String!, $sessionId: ID!) { requestFitFeedback(token: $token, sessionId: $sessionId) { sessionId fitFeedbackRequested } }';
    await fc.assert(
      fc.asyncProperty(fc.record({ token: tokens('portal', portalCases(), 6), sessionId: sessionIds() }), async (sample) => {
        const v = new Verdicts();
        const token = sample.token.expected === null ? suite.portalToken(acme.candidates.main.id) : sample.token.token;
        if (sample.token.expected?.kind === 'type') v.type('token');
        const id = sample.sessionId;
        if (id === null || id === undefined || (typeof id !== 'string' && !Number.isInteger(id))) v.type('sessionId');
        const state = await sessionState(id);
        v.hostile = sample.token.expected !== null || state === null || state.status === 'CANCELLED';
        const expected =
          v.types.length > 0
            ? outcome(v, () => ({ kind: 'accepted' }))
            : (sample.token.expected ??
              (state === null
                ? { kind: 'error', code: 'NOT_FOUND' }
                : state.status === 'CANCELLED'
                  ? { kind: 'error', code: 'CONFLICT' }
                  : { kind: 'accepted' }));
        const result = await send(suite.anonymous, 'requestFitFeedback', query, { token, sessionId: id }, expected, v.hostile);
        if (accepted(result, 'requestFitFeedback')) {
          expect((result.body.data as { requestFitFeedback: unknown }).requestFitFeedback).toEqual({
            sessionId: String(id).toLowerCase(),
            fitFeedbackRequested: true,
          });
        }
      }),
      runs(40),
    );
  });

  it('rateCandidateAnswer: a hostile token finds nothing, a bad comment is named, CONFLICT without a released answer the candidate asked for', async () => {
    const query = `mutation($token: String!, $sessionId: ID!, $helpful: Boolean!, $comment: String) {
      rateCandidateAnswer(token: $token, sessionId: $sessionId, helpful: $helpful, comment: $comment) { sessionId answer { fitBand } } }`;
    const arbitrary = fc.record({
      token: tokens('portal', portalCases(), 6),
      sessionId: sessionIds(acme.sessions.released),
      helpful: booleanField({ required: true }),
      comment: textField(1_000, { required: false, plainWeight: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(arbitrary, async (sample) => {
        const v = new Verdicts();
        const token = sample.token.expected === null ? suite.portalToken(acme.candidates.main.id) : sample.token.token;
        if (sample.token.expected?.kind === 'type') v.type('token');
        if (sample.token.expected !== null) v.hostile = true;
        const id = sample.sessionId;
        if (id === null || id === undefined || (typeof id !== 'string' && !Number.isInteger(id))) v.type('sessionId');
        const helpful = v.add('helpful', sample.helpful);
        const comment = v.add('comment', sample.comment);
        const state = await sessionState(id);
        if (state === null) v.hostile = true;
        let expected: Expected;
        if (v.types.length > 0) expected = outcome(v, () => ({ kind: 'accepted' }));
        else if (sample.token.expected) expected = sample.token.expected;
        else {
          expected = outcome(v, () => {
            if (state === null) return { kind: 'error', code: 'NOT_FOUND' };
            return state.answer === 'RELEASED' && state.requested ? { kind: 'accepted' } : { kind: 'error', code: 'CONFLICT' };
          });
        }
        const result = await send(
          suite.anonymous,
          'rateCandidateAnswer',
          query,
          { token, sessionId: id, helpful, comment },
          expected,
          v.hostile,
        );
        if (accepted(result, 'rateCandidateAnswer')) {
          const [row] = await suite.query<{ helpful: boolean; helpful_comment: string | null }>(
            'SELECT helpful, helpful_comment FROM candidate_answers WHERE session_id = $1',
            [acme.sessions.released],
          );
          expect(row).toEqual({ helpful, helpful_comment: typeof comment === 'string' && comment.trim() ? trimmed(comment) : null });
        }
      }),
      runs(40),
    );
  });

  it('feedbackForm and candidatePortal: forged, stale and malformed tokens find nothing and change nothing', async () => {
    const arbitrary = fc.oneof(
      tokens(
        'form',
        formCases().filter((c) => c.expected?.kind === 'error' && c.expected.code === 'GONE'),
        0,
      ).map((c) => ({ ...c, operation: 'feedbackForm' })),
      tokens('portal', portalCases(), 0).map((c) => ({ ...c, operation: 'candidatePortal' })),
    );
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ token, expected, operation }) => {
        const query =
          operation === 'feedbackForm'
            ? 'query($token: String!) { feedbackForm(token: $token) { formId candidateName response { privateNote } } }'
            : 'query($token: String!) { candidatePortal(token: $token) { candidateName sessions { sessionId } } }';
        await send(suite.anonymous, operation, query, { token }, expected!, true);
      }),
      runs(40),
    );
  });

  it('the web app’s link pages never reflect what is in their address', async () => {
    ensureWebBuilt();
    const page = readFileSync(join(__dirname, '..', '..', 'apps', 'web', 'dist', 'index.html'), 'utf8');
    // '.' and '..' are path segments a client resolves away before sending: they are no token
    const token = fc.oneof(hostileString(200), forged).filter((t) => t !== '' && t !== '.' && t !== '..');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('f', 'c'), token, async (kind, token) => {
        const response = await fetch(`${suite.gateway.baseUrl}/${kind}/${encodeURIComponent(token)}`);
        // the same static page for every address: nothing of it is reflected
        expect({ status: response.status, body: await response.text() }).toEqual({ status: 200, body: page });
        expect(response.headers.get('referrer-policy')).toBe('no-referrer');
        prober.count('web link pages (GET /f, /c)', true, true);
      }),
      runs(30),
    );
  });

  /** A cursor as the lists encode them, or something posing as one. */
  const cursor = fc.oneof(
    fc
      .tuple(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), fc.uuid())
      .map(([at, id]) => [at.toISOString(), id]),
    fc
      .tuple(
        fc.oneof(
          fc.constantFrom<unknown>(
            '1',
            '2024',
            'yesterday',
            '2024-02-30T00:00:00.000Z',
            '0000-01-01T00:00:00.000Z',
            '-100000-01-01T00:00:00.000Z',
            '+275760-09-13T00:00:00.000Z',
            'Infinity',
            5,
            null,
            '',
          ),
          hostileString(30),
        ),
        fc.oneof(fc.uuid(), fc.constantFrom<unknown>('-'.repeat(36), 'g'.repeat(36), `${'0'.repeat(35)}'`, 7, null)),
      )
      .map(([at, id]) => [at, id]),
    fc.constantFrom<unknown>({}, [], 'x', [1, 2, 3], ['2024-01-01T00:00:00.000Z']),
  );
  const encoded = fc.oneof(
    { weight: 4, arbitrary: cursor.map((value) => Buffer.from(JSON.stringify(value)).toString('base64url')) },
    { weight: 2, arbitrary: hostileString(100) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, null) },
  );
  /** The rule a cursor is held to: [ISO timestamp as toISOString() writes it, uuid]. */
  const cursorOk = (value: unknown): boolean => {
    if (value === undefined || value === null) return true;
    try {
      const [at, id] = JSON.parse(Buffer.from(String(value), 'base64url').toString('utf8')) as unknown[];
      return typeof at === 'string' && /^[1-9]\d{3}-/.test(at) && new Date(at).toISOString() === at && isUuid(id);
    } catch {
      return false;
    }
  };

  it('candidates and sessions: a bad search, page size or cursor is named, never a server error', async () => {
    const arbitrary = fc.record({
      list: fc.constantFrom('candidates', 'sessions'),
      search: textField(200, { required: false, plainWeight: 8 }),
      first: intField(0, 200, { required: false, okWeight: 10 }),
      after: encoded,
      roleId: fc.oneof(
        fc.constantFrom<unknown>(acme.roles.auto.id, undefined),
        hostileId(idsOf(globex).roles).map((id) => id.value),
      ),
      status: enumField(['SCHEDULED', 'COMPLETED', 'CANCELLED'], { required: false }),
    });
    await fc.assert(
      fc.asyncProperty(arbitrary, async (sample) => {
        const v = new Verdicts();
        const first = v.add('first', sample.first);
        const after = sample.after;
        if (after !== null && after !== undefined && typeof after !== 'string') v.type('after');
        v.hostile = true;
        if (sample.list === 'candidates') {
          const search = v.add('search', sample.search);
          const expected = outcome(v, () => {
            if (!cursorOk(after)) return { kind: 'invalid', fields: ['after'] };
            return { kind: 'accepted' };
          });
          // the service checks search, then the page size, then the cursor: only the first problem is named
          const ordered: Expected =
            expected.kind === 'invalid'
              ? { kind: 'invalid', fields: [['search', 'first', 'after'].find((f) => expected.fields.includes(f))!] }
              : expected;
          const result = await send(
            acme.call,
            'candidates',
            'query($search: String, $first: Int, $after: String) { candidates(search: $search, first: $first, after: $after) { totalCount nodes { name email } } }',
            { search, first, after },
            ordered,
            true,
          );
          const needle = typeof search === 'string' ? search.trim().toLowerCase() : '';
          // wildcards and quotes in a search are plain text: every match really contains it
          if (accepted(result, 'candidates') && needle && /^[\x20-\x7e]+$/.test(needle)) {
            for (const node of (result.body.data as { candidates: { nodes: { name: string; email: string }[] } }).candidates.nodes) {
              expect(`${node.name}\n${node.email}`.toLowerCase()).toContain(needle);
            }
          }
        } else {
          if (
            sample.roleId !== undefined &&
            sample.roleId !== null &&
            typeof sample.roleId !== 'string' &&
            !Number.isInteger(sample.roleId)
          )
            v.type('filter.roleId');
          const status = v.add('filter.status', sample.status);
          const expected = outcome(v, () => (!cursorOk(after) ? { kind: 'invalid', fields: ['after'] } : { kind: 'accepted' }));
          const ordered: Expected =
            expected.kind === 'invalid'
              ? { kind: 'invalid', fields: [['first', 'after'].find((f) => expected.fields.includes(f))!] }
              : expected;
          const result = await send(
            acme.call,
            'sessions',
            'query($filter: SessionFilter, $first: Int, $after: String) { sessions(filter: $filter, first: $first, after: $after) { totalCount nodes { id } } }',
            { filter: { roleId: sample.roleId, status }, first, after },
            ordered,
            true,
          );
          if (
            accepted(result, 'sessions') &&
            (!isUuid(sample.roleId) || String(sample.roleId).toLowerCase() !== acme.roles.auto.id) &&
            sample.roleId != null
          ) {
            expect((result.body.data as { sessions: { totalCount: number } }).sessions.totalCount).toBe(0);
          }
        }
      }),
      runs(60),
    );
  });

  it('closingFeedbackDashboard: a bad range is named, a role not the organization’s is NOT_FOUND', async () => {
    const moment = fc.oneof(
      fc
        .date({ min: new Date('1960-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString()),
      fc.constantFrom<unknown>(
        '-010000-01-01T00:00:00Z',
        '+275760-09-13T00:00:00.000Z',
        '1969-12-31T23:59:59Z',
        '2026-12-07',
        '2026-12-07T10:00:00',
        '2026-01-01T00:00:00+14:00',
        'soon',
        '',
        0,
        -8.64e15,
        8.64e15,
        true,
        undefined,
        null,
      ),
    );
    const arbitrary = fc.record({
      roleId: fc.oneof(
        fc.constantFrom<unknown>(acme.roles.auto.id, undefined, null),
        hostileId(idsOf(globex).roles).map((id) => id.value),
      ),
      from: moment,
      to: moment,
    });
    const query =
      'query($roleId: ID, $from: DateTime, $to: DateTime) { closingFeedbackDashboard(roleId: $roleId, from: $from, to: $to) { sessionsCompleted formsSent } }';
    const EARLIEST = Date.UTC(1970, 0, 1);
    const LATEST = Date.UTC(10_000, 0, 1);
    await fc.assert(
      fc.asyncProperty(arbitrary, async (sample) => {
        const v = new Verdicts();
        v.hostile = true;
        const roleId = sample.roleId;
        if (roleId !== undefined && roleId !== null && typeof roleId !== 'string' && !Number.isInteger(roleId)) v.type('roleId');
        const dates: Record<string, Date | null> = {};
        for (const field of ['from', 'to'] as const) {
          const value = sample[field];
          if (value == null) dates[field] = null;
          else {
            const date = dateOf(value);
            dates[field] = date;
            if (Number.isNaN(date.getTime()) || date.getTime() < EARLIEST || date.getTime() >= LATEST) v.fail(field);
          }
        }
        if (v.invalid.length === 0) {
          const to = dates.to ?? new Date();
          const from = dates.from ?? new Date(to.getTime() - 90 * 24 * 3_600_000);
          const fiveYears = new Date(to.getTime());
          fiveYears.setUTCFullYear(fiveYears.getUTCFullYear() - 5);
          if (from.getTime() > to.getTime()) v.fail('to');
          else if (from.getTime() < fiveYears.getTime()) v.fail('from');
        }
        const expected = outcome(v, () => {
          if (roleId == null) return { kind: 'accepted' };
          return String(roleId).toLowerCase() === acme.roles.auto.id ? { kind: 'accepted' } : { kind: 'error', code: 'NOT_FOUND' };
        });
        await send(acme.call, 'closingFeedbackDashboard', query, { roleId, from: sample.from, to: sample.to }, expected, true);
      }),
      runs(40),
    );
  });

  // Runs last: the tallies of every property above. Each refused what it should, and together they
  // accepted real input too. The minimums sit far below the usual counts (about half the refusals,
  // a quarter of the acceptances), so chance cannot fail them; a generator that drifted to
  // all-refused or all-accepted does.
  it('generated a real mix of accepted and refused requests', () => {
    const at = (n: number) => Math.floor(n * RUNS);
    prober.expectMix('submitFeedback', { accepted: at(5), refused: at(15) });
    const refusals: [string, number][] = [
      ['declineFeedbackForm', 15],
      ['requestFitFeedback', 15],
      ['rateCandidateAnswer', 20],
      ['candidates', 8],
      ['sessions', 8],
      ['closingFeedbackDashboard', 20],
    ];
    for (const [label, refused] of refusals) prober.expectMix(label, { accepted: 0, refused: at(refused) });
    prober.expectMix(
      refusals.map(([label]) => label),
      { accepted: at(8), refused: 0 },
    );
    // forged, stale and malformed tokens only: every one refused; every page served
    prober.expectMix(['feedbackForm', 'candidatePortal'], { accepted: 0, refused: at(40) });
    prober.expectMix('web link pages (GET /f, /c)', { accepted: at(30), refused: 0 });
  });
});
