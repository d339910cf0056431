import { SubgraphHarness } from '../../test/subgraph.harness';
import { ReplayGuard } from './replay-guard';

const T = Date.parse('2026-11-25T12:00:00Z');

describe(ReplayGuard.name, () => {
  let h: SubgraphHarness;

  beforeAll(async () => {
    h = await SubgraphHarness.start();
  });

  afterAll(() => h.close());

  const nonces = async () =>
    (await h.dataSource.query<{ nonce: string }[]>('SELECT nonce FROM signed_request_nonces ORDER BY nonce')).map((row) => row.nonce);

  it('lets a nonce through once, on any instance sharing the database', async () => {
    const sut = new ReplayGuard(h.dataSource);
    const replica = new ReplayGuard(h.dataSource);
    expect(await sut.claim('n-1', T, T)).toBe(true);
    expect(await sut.claim('n-1', T, T + 1)).toBe(false);
    expect(await replica.claim('n-1', T, T + 2)).toBe(false);
    expect(await replica.claim('n-2', T, T + 2)).toBe(true);
  });

  it('lets exactly one of many concurrent claims of one nonce through', async () => {
    const guards = Array.from({ length: 8 }, () => new ReplayGuard(h.dataSource));
    const results = await Promise.all(guards.map((guard) => guard.claim('n-race', T, T)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('remembers a nonce for 65 s after signing (5 s window + a minute), then sweeps it away', async () => {
    await h.dataSource.query('DELETE FROM signed_request_nonces');
    const sut = new ReplayGuard(h.dataSource);
    expect(await sut.claim('n-old', T, T)).toBe(true);
    // a sweep runs at most every 30 s: the next one at T + 65 s keeps what expires at T + 65 s
    expect(await sut.claim('n-a', T + 65_000, T + 65_000)).toBe(true);
    expect(await nonces()).toEqual(['n-a', 'n-old']);
    expect(await sut.claim('n-old', T, T + 65_000)).toBe(false);
    expect(await sut.claim('n-b', T + 95_001, T + 95_001)).toBe(true);
    expect(await nonces()).toEqual(['n-a', 'n-b']);
  });
});
