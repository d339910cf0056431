import { randomUUID } from 'node:crypto';

import { Gql, GraphQLResult, ok, SubgraphHarness } from '../../test/subgraph.harness';
import { RoleResolver } from './role.resolver';

interface Criterion {
  id: string;
  label: string;
  description: string | null;
  kind: string;
  weight: number;
}
interface Role {
  id: string;
  title: string;
  answerPolicy: string;
  nextSteps: string | null;
  createdAt: string;
  criteria: Criterion[];
}
interface CriterionInput {
  label: string;
  description?: string | null;
  kind: string;
  weight: number;
}

const ROLE = 'id title answerPolicy nextSteps createdAt criteria { id label description kind weight }';
const CREATE = `mutation ($input: CreateRoleInput!) { createRole(input: $input) { ${ROLE} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateRoleProfileInput!) { updateRoleProfile(id: $id, input: $input) { ${ROLE} } }`;
const GET = `query ($id: ID!) { role(id: $id) { ${ROLE} } }`;
const LIST = `{ roles { ${ROLE} } }`;

const profile = (): CriterionInput[] => [
  { label: 'TypeScript', description: 'Writes typed code others can read', kind: 'SKILL', weight: 5 },
  { label: 'Production incidents', kind: 'EXPERIENCE', weight: 3 },
  { label: 'Candour', description: null, kind: 'QUALITY', weight: 2 },
];
const roleInput = (overrides: Record<string, unknown> = {}) => ({ title: 'Backend engineer', criteria: profile(), ...overrides });

function invalidFields(result: GraphQLResult<unknown>): string[] {
  expect(result.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  expect(result.data ?? null).toBeNull();
  return (result.errors?.[0]?.extensions.fields ?? []).map((problem) => problem.field);
}

function code(result: GraphQLResult<unknown>): string | undefined {
  return result.errors?.[0]?.extensions.code;
}

describe(RoleResolver.name, () => {
  let h: SubgraphHarness;
  let gql: Gql;
  let other: Gql;

  const createRole = async (input: Record<string, unknown> = roleInput(), client: Gql = gql): Promise<Role> =>
    ok(await client<{ createRole: Role }>(CREATE, { input })).createRole;

  /** Everything stored about roles and criteria: a refused request must leave it as it was. */
  const snapshot = () =>
    Promise.all([h.database.query('SELECT * FROM roles ORDER BY id'), h.database.query('SELECT * FROM criteria ORDER BY id')]);

  beforeAll(async () => {
    h = await SubgraphHarness.start();
    gql = h.recruiter('acme');
    other = h.recruiter('globex');
  });

  afterAll(async () => {
    await h.close();
  });

  describe('createRole', () => {
    it('creates the role and its profile in input order, auto-releasing by default', async () => {
      const role = await createRole(roleInput({ title: '  Backend engineer  ', nextSteps: null }));
      expect(role).toMatchObject({ title: 'Backend engineer', answerPolicy: 'AUTO_RELEASE', nextSteps: null });
      expect(role.criteria).toEqual([
        { id: expect.any(String), label: 'TypeScript', description: 'Writes typed code others can read', kind: 'SKILL', weight: 5 },
        { id: expect.any(String), label: 'Production incidents', description: null, kind: 'EXPERIENCE', weight: 3 },
        { id: expect.any(String), label: 'Candour', description: null, kind: 'QUALITY', weight: 2 },
      ]);
      const rows = await h.database.query(
        `SELECT c.label, c.position, c.retired_at, c.organization_id = r.organization_id AS same_org, o.slug
           FROM criteria c JOIN roles r ON r.id = c.role_id JOIN organizations o ON o.id = r.organization_id
          WHERE c.role_id = $1 ORDER BY c.position`,
        [role.id],
      );
      expect(rows).toEqual([
        { label: 'TypeScript', position: 0, retired_at: null, same_org: true, slug: 'acme' },
        { label: 'Production incidents', position: 1, retired_at: null, same_org: true, slug: 'acme' },
        { label: 'Candour', position: 2, retired_at: null, same_org: true, slug: 'acme' },
      ]);
    });

    it('stores the answer policy and next steps given', async () => {
      const role = await createRole(roleInput({ answerPolicy: 'RECRUITER_REVIEW', nextSteps: ' A call with the team lead this week. ' }));
      expect(role).toMatchObject({ answerPolicy: 'RECRUITER_REVIEW', nextSteps: 'A call with the team lead this week.' });
      expect(ok(await gql<{ role: Role }>(GET, { id: role.id })).role).toEqual(role);
    });

    it('accepts 30 criteria and text at its limits', async () => {
      const criteria = Array.from({ length: 30 }, (_, i) => ({
        label: `${i}`.padEnd(120, 'x'),
        description: 'd'.repeat(1_000),
        kind: 'SKILL',
        weight: 1,
      }));
      const role = await createRole({ title: 't'.repeat(200), criteria, nextSteps: 'n'.repeat(2_000) });
      expect(role.criteria.map((criterion) => criterion.label)).toEqual(criteria.map((criterion) => criterion.label));
    });

    const withCriterion = (index: number, changes: Partial<CriterionInput>) =>
      roleInput({ criteria: profile().map((criterion, i) => (i === index ? { ...criterion, ...changes } : criterion)) });

    it.each([
      ['weight 0', withCriterion(1, { weight: 0 }), ['input.criteria.1.weight']],
      ['weight 6', withCriterion(2, { weight: 6 }), ['input.criteria.2.weight']],
      ['an empty title', roleInput({ title: '' }), ['input.title']],
      ['a blank title', roleInput({ title: '   ' }), ['input.title']],
      ['a too long title', roleInput({ title: 't'.repeat(201) }), ['input.title']],
      ['control characters in the title', roleInput({ title: 'Back\u0000end' }), ['input.title']],
      ['a blank label', withCriterion(0, { label: '  ' }), ['input.criteria.0.label']],
      ['a too long label', withCriterion(1, { label: 'l'.repeat(121) }), ['input.criteria.1.label']],
      ['control characters in a label', withCriterion(2, { label: 'Can\u0007dour' }), ['input.criteria.2.label']],
      ['a duplicate label (any letter case)', withCriterion(2, { label: ' typescript ' }), ['input.criteria.2.label']],
      ['a too long description', withCriterion(0, { description: 'd'.repeat(1_001) }), ['input.criteria.0.description']],
      ['a too long nextSteps', roleInput({ nextSteps: 'n'.repeat(2_001) }), ['input.nextSteps']],
      ['control characters in nextSteps', roleInput({ nextSteps: 'Call\u001bus' }), ['input.nextSteps']],
      ['no criteria', roleInput({ criteria: [] }), ['input.criteria']],
      [
        '31 criteria',
        roleInput({ criteria: Array.from({ length: 31 }, (_, i) => ({ label: `C${i}`, kind: 'SKILL', weight: 3 })) }),
        ['input.criteria'],
      ],
      [
        'several problems at once',
        roleInput({ title: '', criteria: [{ label: '', kind: 'SKILL', weight: 9 }] }),
        ['input.title', 'input.criteria.0.label', 'input.criteria.0.weight'],
      ],
    ])('refuses %s naming the field, and stores nothing', async (_case, input, fields) => {
      const before = await snapshot();
      const result = await gql(CREATE, { input });
      expect(invalidFields(result)).toEqual(fields);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a kind outside the enum before it reaches the service', async () => {
      const before = await snapshot();
      const result = await gql(CREATE, { input: withCriterion(0, { kind: 'CHARM' }) });
      expect(result.errors?.length).toBe(1);
      expect(result.data ?? null).toBeNull();
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('roles and role', () => {
    it('lists only the organization’s roles, newest first, each with its current criteria', async () => {
      const first = await createRole(roleInput({ title: 'First' }), other);
      const second = await createRole(roleInput({ title: 'Second', criteria: [{ label: 'Go', kind: 'SKILL', weight: 4 }] }), other);
      const { roles } = ok(await other<{ roles: Role[] }>(LIST));
      expect(roles).toEqual([second, first]);

      const acme = ok(await gql<{ roles: Role[] }>(LIST)).roles;
      expect(acme.length).toBeGreaterThan(0);
      expect(acme.map((role) => role.id)).not.toContain(first.id);
      expect(acme.map((role) => role.id)).not.toContain(second.id);
      const createdAt = acme.map((role) => Date.parse(role.createdAt));
      expect(createdAt).toEqual([...createdAt].sort((a, b) => b - a));
    });

    it('gives an empty list to an organization without roles', async () => {
      expect(ok(await h.recruiter('initech')<{ roles: Role[] }>(LIST)).roles).toEqual([]);
    });

    it('finds a role by id in its organization only; a malformed or unknown id is null', async () => {
      const role = await createRole();
      expect(ok(await gql<{ role: Role }>(GET, { id: role.id })).role).toEqual(role);
      expect(ok(await other<{ role: Role | null }>(GET, { id: role.id })).role).toBeNull();
      expect(ok(await gql<{ role: Role | null }>(GET, { id: 'not-a-uuid' })).role).toBeNull();
      expect(ok(await gql<{ role: Role | null }>(GET, { id: randomUUID() })).role).toBeNull();
    });
  });

  describe('updateRoleProfile', () => {
    it('changes only the fields given', async () => {
      const role = await createRole(roleInput({ nextSteps: 'We call you.' }));
      const renamed = ok(
        await gql<{ updateRoleProfile: Role }>(UPDATE, { id: role.id, input: { title: ' Staff engineer ' } }),
      ).updateRoleProfile;
      expect(renamed).toEqual({ ...role, title: 'Staff engineer' });

      const reviewed = ok(
        await gql<{ updateRoleProfile: Role }>(UPDATE, { id: role.id, input: { answerPolicy: 'RECRUITER_REVIEW' } }),
      ).updateRoleProfile;
      expect(reviewed).toEqual({ ...renamed, answerPolicy: 'RECRUITER_REVIEW' });

      const cleared = ok(await gql<{ updateRoleProfile: Role }>(UPDATE, { id: role.id, input: { nextSteps: null } })).updateRoleProfile;
      expect(cleared).toEqual({ ...reviewed, nextSteps: null });

      const unchanged = ok(await gql<{ updateRoleProfile: Role }>(UPDATE, { id: role.id, input: {} })).updateRoleProfile;
      expect(unchanged).toEqual(cleared);
      expect(ok(await gql<{ role: Role }>(GET, { id: role.id })).role).toEqual(cleared);
    });

    it('replaces the profile: kept labels keep their ids, removed criteria are retired, new ones added', async () => {
      const role = await createRole();
      const [typescript, incidents, candour] = role.criteria;
      const input = {
        criteria: [
          { label: 'Kindness', kind: 'QUALITY', weight: 4 },
          { label: 'typescript', description: 'Strict mode', kind: 'SKILL', weight: 3 },
          { label: 'CANDOUR', kind: 'EXPERIENCE', weight: 1 },
        ],
      };
      const updated = ok(await gql<{ updateRoleProfile: Role }>(UPDATE, { id: role.id, input })).updateRoleProfile;
      expect(updated.criteria).toEqual([
        { id: expect.any(String), label: 'Kindness', description: null, kind: 'QUALITY', weight: 4 },
        { id: typescript.id, label: 'typescript', description: 'Strict mode', kind: 'SKILL', weight: 3 },
        { id: candour.id, label: 'CANDOUR', description: null, kind: 'EXPERIENCE', weight: 1 },
      ]);
      expect([typescript.id, incidents.id, candour.id]).not.toContain(updated.criteria[0].id);
      expect({ ...updated, criteria: undefined }).toEqual({ ...role, criteria: undefined });

      const rows = await h.database.query<{ id: string; label: string; position: number; retired: boolean }>(
        'SELECT id, label, position, retired_at IS NOT NULL AS retired FROM criteria WHERE role_id = $1 ORDER BY retired, position',
        [role.id],
      );
      expect(rows).toEqual([
        { id: updated.criteria[0].id, label: 'Kindness', position: 0, retired: false },
        { id: typescript.id, label: 'typescript', position: 1, retired: false },
        { id: candour.id, label: 'CANDOUR', position: 2, retired: false },
        { id: incidents.id, label: 'Production incidents', position: 1, retired: true },
      ]);
      expect(ok(await gql<{ role: Role }>(GET, { id: role.id })).role.criteria).toEqual(updated.criteria);
    });

    it('gives a retired label that comes back a new criterion', async () => {
      const role = await createRole();
      const removed = role.criteria[1];
      await gql(UPDATE, { id: role.id, input: { criteria: profile().filter((_, i) => i !== 1) } });
      const restored = ok(
        await gql<{ updateRoleProfile: Role }>(UPDATE, { id: role.id, input: { criteria: profile() } }),
      ).updateRoleProfile;
      expect(restored.criteria.map((criterion) => criterion.label)).toEqual(profile().map((criterion) => criterion.label));
      expect(restored.criteria[1].id).not.toBe(removed.id);
      const [{ count }] = await h.database.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM criteria WHERE role_id = $1 AND label = $2 AND retired_at IS NOT NULL',
        [role.id, removed.label],
      );
      expect(count).toBe(1);
    });

    it.each([
      ['weight 0', { criteria: [{ label: 'A', kind: 'SKILL', weight: 0 }] }, ['input.criteria.0.weight']],
      ['weight 6', { criteria: [{ label: 'A', kind: 'SKILL', weight: 6 }] }, ['input.criteria.0.weight']],
      ['an empty title', { title: '' }, ['input.title']],
      ['a blank label', { criteria: [{ label: ' ', kind: 'SKILL', weight: 3 }] }, ['input.criteria.0.label']],
      [
        'a duplicate label',
        {
          criteria: [
            { label: 'Go', kind: 'SKILL', weight: 3 },
            { label: 'GO', kind: 'SKILL', weight: 2 },
          ],
        },
        ['input.criteria.1.label'],
      ],
      ['a too long nextSteps', { nextSteps: 'n'.repeat(2_001) }, ['input.nextSteps']],
      ['control characters in the title', { title: 'A\u0001B' }, ['input.title']],
      ['an empty profile', { criteria: [] }, ['input.criteria']],
      [
        'a valid title with a bad profile',
        { title: 'New title', criteria: [{ label: 'A', kind: 'SKILL', weight: 7 }] },
        ['input.criteria.0.weight'],
      ],
    ])('refuses %s naming the field, and changes nothing', async (_case, input, fields) => {
      const role = await createRole();
      const before = await snapshot();
      expect(invalidFields(await gql(UPDATE, { id: role.id, input }))).toEqual(fields);
      expect(await snapshot()).toEqual(before);
    });

    it('is NOT_FOUND for another organization’s role, an unknown id or a malformed id, and changes nothing', async () => {
      const role = await createRole();
      const before = await snapshot();
      const input = { title: 'Hijacked', criteria: [{ label: 'Mine', kind: 'SKILL', weight: 3 }] };
      expect(code(await other(UPDATE, { id: role.id, input }))).toBe('NOT_FOUND');
      expect(code(await gql(UPDATE, { id: randomUUID(), input }))).toBe('NOT_FOUND');
      expect(code(await gql(UPDATE, { id: 'nope', input }))).toBe('NOT_FOUND');
      expect(await snapshot()).toEqual(before);
    });
  });

  it('refuses every operation to an anonymous caller with UNAUTHENTICATED, changing nothing', async () => {
    const role = await createRole();
    const anon = h.anonymous();
    const before = await snapshot();
    expect(code(await anon(LIST))).toBe('UNAUTHENTICATED');
    expect(code(await anon(GET, { id: role.id }))).toBe('UNAUTHENTICATED');
    expect(code(await anon(CREATE, { input: roleInput() }))).toBe('UNAUTHENTICATED');
    expect(code(await anon(UPDATE, { id: role.id, input: { title: 'Anonymous' } }))).toBe('UNAUTHENTICATED');
    expect(await snapshot()).toEqual(before);
  });
});
