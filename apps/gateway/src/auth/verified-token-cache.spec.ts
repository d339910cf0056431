import { VerifiedTokenCache } from './verified-token-cache';

describe(VerifiedTokenCache.name, () => {
  it('keeps an entry until the earlier of the token’s expiry and the TTL', () => {
    const sut = new VerifiedTokenCache<string>(10, 1_000);
    sut.set('long-lived', 'a', 1_000_000, 0);
    sut.set('short-lived', 'b', 400, 0);
    expect([sut.get('long-lived', 999), sut.get('short-lived', 399)]).toEqual(['a', 'b']);
    expect([sut.get('long-lived', 1_000), sut.get('short-lived', 400)]).toEqual([undefined, undefined]);
    expect(sut.size).toBe(0);
  });

  it('does not store what has already expired', () => {
    const sut = new VerifiedTokenCache<string>(10, 1_000);
    sut.set('expired', 'a', 500, 500);
    expect(sut.get('expired', 500)).toBeUndefined();
    expect(sut.size).toBe(0);
  });

  it('holds at most maxEntries, dropping the least recently used first', () => {
    const sut = new VerifiedTokenCache<number>(3, 60_000);
    for (const n of [1, 2, 3]) sut.set(`t${n}`, n, Infinity, 0);
    expect(sut.get('t1', 1)).toBe(1); // t1 is now the most recently used
    sut.set('t4', 4, Infinity, 2);
    expect(sut.size).toBe(3);
    expect(['t1', 't2', 't3', 't4'].map((token) => sut.get(token, 3))).toEqual([1, undefined, 3, 4]);
    for (let n = 5; n < 1_000; n++) sut.set(`t${n}`, n, Infinity, 4);
    expect(sut.size).toBe(3);
  });

  it('matches exact token strings only', () => {
    const sut = new VerifiedTokenCache<string>(10, 1_000);
    sut.set('abc.def.ghi', 'identity', Infinity, 0);
    expect(['abc.def.gh', 'abc.def.ghi ', 'ABC.DEF.GHI'].map((token) => sut.get(token, 1))).toEqual([undefined, undefined, undefined]);
  });
});
