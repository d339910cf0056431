// Mirrors the enums of the public contract (shared/schema.graphql). The const arrays are the
// single source: apps register GraphQL enums and validate input from them.

export const FIT_BANDS = ['NOT_A_FIT', 'PARTIAL_FIT', 'GOOD_FIT', 'STRONG_FIT'] as const;
export type FitBand = (typeof FIT_BANDS)[number];
/** NOT_A_FIT = 1 … STRONG_FIT = 4. */
export type FitBandValue = 1 | 2 | 3 | 4;

export const FIT_LEVELS = ['STRENGTH', 'MEETS', 'PARTLY', 'NOT_YET', 'NOT_ASSESSED'] as const;
export type FitLevel = (typeof FIT_LEVELS)[number];

export const CRITERION_KINDS = ['SKILL', 'EXPERIENCE', 'QUALITY'] as const;
export type CriterionKind = (typeof CRITERION_KINDS)[number];

/** 1 not yet evident, 2 partly, 3 meets, 4 exceeds; "not assessed" is null, not a rating. */
export const RATINGS = [1, 2, 3, 4] as const;
export type Rating = (typeof RATINGS)[number];

/** `{ A: 'A', … }`, the shape `registerEnumType` and class-validator's `@IsEnum` expect. */
export function enumObject<const T extends string>(values: readonly T[]): { readonly [K in T]: K } {
  return Object.freeze(Object.fromEntries(values.map((value) => [value, value]))) as { readonly [K in T]: K };
}

export function isFitBand(value: unknown): value is FitBand {
  return (FIT_BANDS as readonly unknown[]).includes(value);
}

export function isRating(value: unknown): value is Rating {
  return (RATINGS as readonly unknown[]).includes(value);
}

export function fitBandValue(band: FitBand): FitBandValue {
  return (FIT_BANDS.indexOf(band) + 1) as FitBandValue;
}

export function fitBandOf(value: FitBandValue): FitBand {
  return FIT_BANDS[value - 1];
}

/** The per-criterion level for a mean rating; null means nobody rated the criterion. */
export function fitLevel(mean: number | null): FitLevel {
  if (mean === null) return 'NOT_ASSESSED';
  if (!(mean >= 1 && mean <= 4)) throw new RangeError(`mean rating must be within 1..4, got ${mean}`);
  if (mean >= 3.5) return 'STRENGTH';
  if (mean >= 3) return 'MEETS';
  if (mean >= 2) return 'PARTLY';
  return 'NOT_YET';
}
