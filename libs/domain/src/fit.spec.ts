import {
  CRITERION_KINDS,
  enumObject,
  FIT_BANDS,
  FIT_LEVELS,
  type FitBand,
  fitBandOf,
  type FitBandValue,
  fitBandValue,
  fitLevel,
  isFitBand,
  isRating,
} from './fit';

describe(fitLevel.name, () => {
  it.each([
    [null, 'NOT_ASSESSED'],
    [4, 'STRENGTH'],
    [3.5, 'STRENGTH'],
    [3.4999, 'MEETS'],
    [3, 'MEETS'],
    [2.9999, 'PARTLY'],
    [2, 'PARTLY'],
    [1.9999, 'NOT_YET'],
    [1, 'NOT_YET'],
  ])('maps mean %p to %s', (mean, expected) => {
    expect(fitLevel(mean)).toBe(expected);
  });

  it.each([0.5, 4.01, Number.NaN])('rejects %p, which no 1..4 ratings can average to', (mean) => {
    expect(() => fitLevel(mean)).toThrow(RangeError);
  });
});

describe(fitBandValue.name, () => {
  it.each<[FitBand, FitBandValue]>([
    ['NOT_A_FIT', 1],
    ['PARTIAL_FIT', 2],
    ['GOOD_FIT', 3],
    ['STRONG_FIT', 4],
  ])('numbers %s as %p, and back', (band, value) => {
    expect(fitBandValue(band)).toBe(value);
    expect(fitBandOf(value)).toBe(band);
  });
});

describe(isFitBand.name, () => {
  it.each([
    ['GOOD_FIT', true],
    ['good_fit', false],
    [3, false],
    [null, false],
  ])('%p → %p', (value, expected) => {
    expect(isFitBand(value)).toBe(expected);
  });
});

describe(isRating.name, () => {
  it.each([
    [1, true],
    [4, true],
    [0, false],
    [5, false],
    [2.5, false],
    ['3', false],
    [null, false],
  ])('%p → %p', (value, expected) => {
    expect(isRating(value)).toBe(expected);
  });
});

describe(enumObject.name, () => {
  it.each([
    [FIT_BANDS, { NOT_A_FIT: 'NOT_A_FIT', PARTIAL_FIT: 'PARTIAL_FIT', GOOD_FIT: 'GOOD_FIT', STRONG_FIT: 'STRONG_FIT' }],
    [FIT_LEVELS, { STRENGTH: 'STRENGTH', MEETS: 'MEETS', PARTLY: 'PARTLY', NOT_YET: 'NOT_YET', NOT_ASSESSED: 'NOT_ASSESSED' }],
    [CRITERION_KINDS, { SKILL: 'SKILL', EXPERIENCE: 'EXPERIENCE', QUALITY: 'QUALITY' }],
  ])('builds the name → value object of %p', (values, expected) => {
    const sut = enumObject(values);
    expect(sut).toEqual(expected);
    expect(Object.isFrozen(sut)).toBe(true);
  });
});
