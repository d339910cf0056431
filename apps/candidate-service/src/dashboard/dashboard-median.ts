import { COARSE_BINS, COARSE_BITS } from '@closer/database';

/**
 * Exact medians from histograms. A histogram (counts per value bin, bins ordered like the values)
 * says which bin holds the middle value(s) and where in it; only that bin's values are then read
 * (in value order) to pick them. The result is PostgreSQL's percentile_cont(0.5) to the last bit:
 * the lower and upper middle values, interpolated halfway.
 */

/** Which values of which bin to read: `limit` values from `offset` (0-based) in value order. */
export interface BinPick {
  bin: number;
  offset: number;
  limit: number;
}

/** (bin, count) pairs, in any order; zero counts allowed. */
export type Histogram = Iterable<readonly [number, number]>;

/**
 * The picks giving the middle value(s) of the histogram's population: one pick of 1 or 2 values
 * when both middles share a bin, two picks of 1 otherwise; none for an empty population.
 */
export function medianPicks(histogram: Histogram): BinPick[] {
  const bins = [...histogram].filter(([, count]) => count > 0).sort((a, b) => a[0] - b[0]);
  const total = bins.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return [];
  const lower = Math.floor((total - 1) / 2);
  const upper = Math.ceil((total - 1) / 2);
  const picks: BinPick[] = [];
  let before = 0;
  for (const [bin, count] of bins) {
    const end = before + count; // ranks [before, end) are in this bin
    const from = Math.max(lower, before);
    const to = Math.min(upper, end - 1);
    if (from <= to) picks.push({ bin, offset: from - before, limit: to - from + 1 });
    if (end > upper) break;
    before = end;
  }
  return picks;
}

/** percentile_cont(0.5) from the values the picks returned, in pick order. */
export function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const lower = values[0];
  const upper = values[values.length - 1];
  // PostgreSQL: first + (second − first) × 0.5, in float8
  return values.length === 1 ? lower : lower + (upper - lower) * 0.5;
}

/** The counts of a packed histogram: bin b is digit b in base 2^COARSE_BITS. */
export function unpackHistogram(packed: string | null | undefined, bins = COARSE_BINS): [number, number][] {
  const counts: [number, number][] = [];
  if (!packed) return counts;
  // one conversion to hex, then COARSE_BITS / 4 hex digits per bin from the right: linear, where
  // shifting the BigInt bin by bin copies it every time
  const hex = BigInt(packed.split('.')[0]).toString(16);
  const width = COARSE_BITS / 4;
  for (let bin = 0, end = hex.length; bin < bins && end > 0; bin++, end -= width)
    counts.push([bin, parseInt(hex.slice(Math.max(0, end - width), end), 16)]);
  return counts;
}
