import { type CriterionKind, type FitBand, fitBandOf, fitBandValue, type FitLevel, fitLevel, isRating, type Rating } from './fit';

// The rules of DESIGN.md, "Composing the answer". Deterministic: the same input always gives
// the same answer, whatever order the responses arrived in.

/** Criteria of at least this weight are essential: unassessed, they are named as a gap. */
export const ESSENTIAL_WEIGHT = 4;
/** Most strengths and most gaps a candidate is shown. */
export const MAX_LISTED = 5;
export const NOT_ENOUGH_EVIDENCE = 'not enough evidence yet: ';

/** One criterion of the role's profile as it was when the panel rated it. */
export interface ProfileCriterion {
  id: string;
  label: string;
  kind: CriterionKind;
  /** 1 (nice to have) .. 5 (essential); a positive integer. */
  weight: number;
}

export interface CriterionRating {
  criterionId: string;
  /** null: the interviewer did not assess this criterion. */
  rating: Rating | null;
}

/** One submitted form; declined forms are not responses. */
export interface PanelResponse {
  overallFit: FitBand;
  ratings: readonly CriterionRating[];
  candidateMessage?: string | null;
}

export interface AnswerInput {
  criteria: readonly ProfileCriterion[];
  responses: readonly PanelResponse[];
  panelSize: number;
  minResponsesForAnswer: number;
  nextSteps: string | null;
}

export interface ProfileFit {
  criterionId: string;
  criterion: string;
  kind: CriterionKind;
  level: FitLevel;
}

export interface WithheldAnswer {
  kind: 'WITHHELD';
  reason: string;
  responsesCount: number;
  responsesRequired: number;
}

export interface ComposedAnswer {
  kind: 'COMPOSED';
  /** 0..100; null when nobody rated any criterion. */
  fitScore: number | null;
  fitBand: FitBand;
  profile: ProfileFit[];
  strengths: string[];
  gaps: string[];
  nextSteps: string | null;
  message: string | null;
  responsesCount: number;
}

export type AnswerComposition = WithheldAnswer | ComposedAnswer;

/** The org minimum, capped at the panel size (a panel of one can answer), and never below one. */
export function requiredResponses(panelSize: number, minResponsesForAnswer: number): number {
  return Math.max(1, Math.min(minResponsesForAnswer, panelSize));
}

/** Lower median: robust to one outlier, and never promises more than half the panel believes. */
export function lowerMedianBand(bands: readonly FitBand[]): FitBand {
  if (bands.length === 0) throw new RangeError('the median of no bands is undefined');
  const values = bands.map(fitBandValue).sort((a, b) => a - b);
  return fitBandOf(values[Math.floor((values.length - 1) / 2)]);
}

export function composeAnswer(input: AnswerInput): AnswerComposition {
  const responsesCount = input.responses.length;
  const responsesRequired = requiredResponses(input.panelSize, input.minResponsesForAnswer);
  if (responsesCount < responsesRequired) {
    return {
      kind: 'WITHHELD',
      reason: `not enough feedback: ${responsesCount} of ${responsesRequired} required responses`,
      responsesCount,
      responsesRequired,
    };
  }

  const rated = tally(input);
  return {
    kind: 'COMPOSED',
    fitScore: fitScore(rated),
    fitBand: lowerMedianBand(input.responses.map((response) => response.overallFit)),
    profile: rated.map(({ criterion, mean }) => ({
      criterionId: criterion.id,
      criterion: criterion.label,
      kind: criterion.kind,
      level: fitLevel(mean),
    })),
    strengths: strengths(rated),
    gaps: gaps(rated),
    nextSteps: nonEmpty(input.nextSteps),
    message: message(input.responses),
    responsesCount,
  };
}

interface Tally {
  criterion: ProfileCriterion;
  /** Role order, the last tie-break. */
  index: number;
  sum: number;
  count: number;
  /** sum / count, or null when nobody rated it. One division, so the thresholds compare exactly. */
  mean: number | null;
}

function tally({ criteria, responses }: AnswerInput): Tally[] {
  const tallies = new Map<string, Tally>();
  criteria.forEach((criterion, index) => {
    if (!Number.isSafeInteger(criterion.weight) || criterion.weight < 1) {
      throw new RangeError(`criterion ${criterion.id}: weight must be a positive integer, got ${criterion.weight}`);
    }
    if (!tallies.has(criterion.id)) tallies.set(criterion.id, { criterion, index, sum: 0, count: 0, mean: null });
  });
  for (const response of responses) {
    // One vote per interviewer and criterion: a repeated id in one response counts once (the last).
    const byCriterion = new Map(response.ratings.map((r) => [r.criterionId, r.rating]));
    for (const [criterionId, rating] of byCriterion) {
      const entry = tallies.get(criterionId);
      // Ratings of criteria no longer in the profile carry no weight in it.
      if (!entry || rating === null) continue;
      if (!isRating(rating)) throw new RangeError(`criterion ${criterionId}: rating must be 1..4 or null, got ${String(rating)}`);
      entry.sum += rating;
      entry.count += 1;
    }
  }
  return [...tallies.values()].map((entry) => ({ ...entry, mean: entry.count > 0 ? entry.sum / entry.count : null }));
}

/**
 * round(100 · Σ w·(m − 1)/3 / Σ w) over rated criteria, rounding halves up. Computed over
 * integers (m = sum/count), so a score that is exactly x.5 rounds up instead of landing on
 * either side of .5 through floating-point noise.
 */
function fitScore(tallies: readonly Tally[]): number | null {
  const rated = tallies.filter((t) => t.count > 0);
  if (rated.length === 0) return null;
  const lcm = rated.reduce((acc, t) => (acc * BigInt(t.count)) / gcd(acc, BigInt(t.count)), 1n);
  let numerator = 0n;
  let weights = 0n;
  for (const t of rated) {
    const weight = BigInt(t.criterion.weight);
    numerator += weight * BigInt(t.sum - t.count) * (lcm / BigInt(t.count));
    weights += weight;
  }
  numerator *= 100n;
  const denominator = 3n * lcm * weights;
  // floor(n/d + 1/2) for n ≥ 0 (every rating is ≥ 1, so sum ≥ count).
  return Number((2n * numerator + denominator) / (2n * denominator));
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function strengths(tallies: readonly Tally[]): string[] {
  return tallies
    .filter((t): t is Tally & { mean: number } => t.mean !== null && t.mean >= 3)
    .sort((a, b) => b.mean - a.mean || b.criterion.weight - a.criterion.weight || a.index - b.index)
    .slice(0, MAX_LISTED)
    .map((t) => t.criterion.label);
}

/** Rated gaps first (heaviest first), then essentials nobody assessed, likewise. */
function gaps(tallies: readonly Tally[]): string[] {
  const rated = tallies
    .filter((t): t is Tally & { mean: number } => t.mean !== null && t.mean <= 2)
    .sort((a, b) => b.criterion.weight - a.criterion.weight || a.mean - b.mean || a.index - b.index)
    .map((t) => t.criterion.label);
  const unassessed = tallies
    .filter((t) => t.mean === null && t.criterion.weight >= ESSENTIAL_WEIGHT)
    .sort((a, b) => b.criterion.weight - a.criterion.weight || a.index - b.index)
    .map((t) => `${NOT_ENOUGH_EVIDENCE}${t.criterion.label}`);
  return [...rated, ...unassessed].slice(0, MAX_LISTED);
}

/**
 * Unattributed: sorted by code unit (not locale, which varies by machine), so the order says
 * nothing about who wrote what or who answered first.
 */
function message(responses: readonly PanelResponse[]): string | null {
  const texts = responses
    .map((response) => nonEmpty(response.candidateMessage ?? null))
    .filter((text): text is string => text !== null)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return texts.length > 0 ? texts.join('\n\n') : null;
}

function nonEmpty(text: string | null): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed.length > 0 ? trimmed : null;
}
