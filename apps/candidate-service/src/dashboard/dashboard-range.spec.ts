import { planRange } from './dashboard-range';

const at = (iso: string) => new Date(iso);
const DAY = 86_400_000;

/** Every day a plan's buckets cover, as YYYY-MM-DD. */
function coveredDays(buckets: { grain: string; start: string }[]): string[] {
  const days: string[] = [];
  for (const { grain, start } of buckets) {
    const first = Date.parse(`${start}T00:00:00Z`);
    const end = new Date(first);
    if (grain === 'D') end.setTime(first + DAY);
    else if (grain === 'W') end.setTime(first + 7 * DAY);
    else end.setUTCMonth(end.getUTCMonth() + { M: 1, Q: 3, Y: 12 }[grain as 'M' | 'Q' | 'Y']);
    for (let t = first; t < end.getTime(); t += DAY) days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

describe(planRange.name, () => {
  it('reads whole years, quarters and months in the middle, weeks and days at the ends, the facts for partial days', () => {
    const sut = planRange(at('2024-11-27T09:30:00Z'), at('2026-11-25T21:00:00Z'));
    expect(sut.edges).toEqual([
      [at('2024-11-27T09:30:00Z'), at('2024-11-28T00:00:00Z')],
      [at('2026-11-25T00:00:00Z'), at('2026-11-25T21:00:00Z')],
    ]);
    expect(sut.buckets.map((b) => `${b.grain}${b.start}`)).toEqual([
      'D2024-11-28',
      'D2024-11-29',
      'D2024-11-30',
      'M2024-12-01',
      'Y2025-01-01',
      'Q2026-01-01',
      'Q2026-04-01',
      'Q2026-07-01',
      'M2026-10-01',
      'D2026-11-01',
      'W2026-11-02',
      'W2026-11-09',
      'W2026-11-16',
      'D2026-11-23',
      'D2026-11-24',
    ]);
    expect(sut.interviewerBuckets.map((b) => b.grain)).toEqual(['M', 'Y', 'Q', 'Q', 'Q', 'M']);
    expect(sut.interviewerFacts).toEqual([
      [at('2024-11-27T09:30:00Z'), at('2024-12-01T00:00:00Z')],
      [at('2026-11-01T00:00:00Z'), at('2026-11-25T21:00:00Z')],
    ]);
  });

  it.each([
    ['2025-03-01T00:00:00Z', '2025-03-22T00:00:00Z'],
    ['2025-02-27T13:00:00Z', '2025-05-03T07:00:00Z'],
    ['2023-12-31T23:59:59Z', '2026-01-01T00:00:01Z'],
    ['2025-06-02T00:00:00Z', '2025-06-09T00:00:00Z'],
  ])('covers every whole day of [%s, %s) exactly once, in order', (from, to) => {
    const sut = planRange(at(from), at(to));
    const expected: string[] = [];
    for (let t = Math.ceil(Date.parse(from) / DAY) * DAY; t + DAY <= Date.parse(to); t += DAY)
      expected.push(new Date(t).toISOString().slice(0, 10));
    expect(coveredDays(sut.buckets)).toEqual(expected);
    // the weekly series covers the same days, whole weeks as one row each
    expect([...coveredDays(sut.weekBuckets)].sort()).toEqual(expected);
  });

  it('reads a range within one day, or across one midnight, from the facts only', () => {
    expect(planRange(at('2025-03-03T08:00:00Z'), at('2025-03-03T17:00:00Z'))).toMatchObject({
      buckets: [],
      edges: [[at('2025-03-03T08:00:00Z'), at('2025-03-03T17:00:00Z')]],
    });
    expect(planRange(at('2025-03-03T20:00:00Z'), at('2025-03-04T03:00:00Z'))).toMatchObject({
      buckets: [],
      edges: [[at('2025-03-03T20:00:00Z'), at('2025-03-04T03:00:00Z')]],
    });
  });

  it('gives an empty range nothing to read', () => {
    const empty = planRange(at('2025-03-03T08:00:00Z'), at('2025-03-03T08:00:00Z'));
    expect(empty).toEqual({ buckets: [], edges: [], weekBuckets: [], interviewerBuckets: [], interviewerFacts: [] });
  });
});
