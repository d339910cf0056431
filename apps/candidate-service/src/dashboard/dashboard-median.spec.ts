import { medianOf, medianPicks, unpackHistogram } from './dashboard-median';

describe(medianPicks.name, () => {
  it('picks the one middle value of an odd population', () => {
    // ranks 0..4: bin 2 holds ranks 0-1, bin 5 ranks 2-4 → the median is rank 2, bin 5's first
    expect(
      medianPicks([
        [5, 3],
        [2, 2],
      ]),
    ).toEqual([{ bin: 5, offset: 0, limit: 1 }]);
  });

  it('picks both middle values from one bin, or one from each of two', () => {
    expect(
      medianPicks([
        [1, 1],
        [3, 4],
        [9, 1],
      ]),
    ).toEqual([{ bin: 3, offset: 1, limit: 2 }]);
    expect(
      medianPicks([
        [0, 2],
        [7, 0],
        [8, 2],
      ]),
    ).toEqual([
      { bin: 0, offset: 1, limit: 1 },
      { bin: 8, offset: 0, limit: 1 },
    ]);
  });

  it('has nothing to pick in an empty population', () => {
    expect(medianPicks([])).toEqual([]);
    expect(medianPicks([[4, 0]])).toEqual([]);
  });
});

describe(medianOf.name, () => {
  it("interpolates halfway like PostgreSQL's percentile_cont(0.5)", () => {
    expect(medianOf([6, 8])).toBe(7);
    expect(medianOf([0.1, 0.2])).toBe(0.1 + (0.2 - 0.1) * 0.5);
    expect(medianOf([12.5])).toBe(12.5);
    expect(medianOf([])).toBeNull();
  });
});

describe(unpackHistogram.name, () => {
  // bin b counts 2^(32·b): written here digit by digit, not through the function under test
  const packed = (counts: Record<number, number>) =>
    Object.entries(counts)
      .reduce((sum, [bin, n]) => sum + BigInt(n) * 2n ** (32n * BigInt(bin)), 0n)
      .toString();

  it('reads every bin of a sum of packed histograms, zero bins included', () => {
    expect(unpackHistogram(packed({ 0: 7, 2: 4_294_967_295, 3: 1 }))).toEqual([
      [0, 7],
      [1, 0],
      [2, 4_294_967_295],
      [3, 1],
    ]);
    expect(unpackHistogram(`${packed({ 255: 3, 100: 12 })}.0000`, 256).filter(([, n]) => n > 0)).toEqual([
      [100, 12],
      [255, 3],
    ]);
  });

  it('gives nothing for an empty histogram', () => {
    expect(unpackHistogram(null)).toEqual([]);
    expect(unpackHistogram('0').filter(([, n]) => n > 0)).toEqual([]);
  });
});
