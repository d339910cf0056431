import fc from 'fast-check';

import {
  dateOf,
  enumField,
  HOSTILE_TEXTS,
  hostileId,
  hostileString,
  intField,
  isUuid,
  LINE_BREAK,
  Sample,
  textField,
  textVerdict,
  Verdict,
} from './hostile';

/** Lone surrogates cannot be stored as UTF-8: PostgreSQL keeps U+FFFD in their place. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Collects what each field of a generated input promises. */
export class Verdicts {
  readonly types: string[] = [];
  readonly invalid: string[] = [];
  hostile = false;

  add(path: string, sample: Sample): unknown {
    if (sample.hostile) this.hostile = true;
    if (sample.verdict === 'type') this.types.push(path);
    if (sample.verdict === 'invalid') this.invalid.push(path);
    return sample.value;
  }

  type(path: string): void {
    this.hostile = true;
    this.types.push(path);
  }

  fail(path: string): void {
    this.hostile = true;
    this.invalid.push(path);
  }

  has(path: string): boolean {
    return this.invalid.includes(path);
  }
}

/** A field that may be left out (unchanged) but, when given, must be valid non-blank text. */
export const changeText = (max: number, plainWeight?: number, singleLine?: boolean) =>
  textField(max, { required: true, plainWeight, singleLine }).map((sample): Sample =>
    sample.value == null ? { ...sample, verdict: 'ok' } : sample,
  );

export const KINDS = ['SKILL', 'EXPERIENCE', 'QUALITY'] as const;
export const POLICIES = ['AUTO_RELEASE', 'RECRUITER_REVIEW'] as const;
export const FIT_BANDS = ['NOT_A_FIT', 'PARTIAL_FIT', 'GOOD_FIT', 'STRONG_FIT'] as const;

const labelKey = (label: string) => label.toLocaleLowerCase('en-US');

export interface CriterionSample {
  label: Sample;
  description: Sample;
  kind: Sample;
  weight: Sample;
}

const criterion: fc.Arbitrary<CriterionSample> = fc.record({
  label: textField(120, {
    required: true,
    singleLine: true,
    plainWeight: 8,
    plain: fc.constantFrom('TypeScript', 'typescript', ' TYPESCRIPT ', 'Go', 'Rust', 'İstanbul', 'istanbul', 'Kubernetes', 'SQL'),
  }),
  description: textField(1_000, { required: false, plainWeight: 8 }),
  kind: enumField(KINDS, { required: true, okWeight: 12 }),
  weight: intField(1, 5, { required: true, okWeight: 12 }),
});

const ok = (value: unknown): Sample => ({ value, verdict: 'ok', hostile: typeof value === 'string' && /[^A-Za-z ]/.test(value) });

/** A valid profile whose labels and descriptions are hostile-but-valid text (markup, SQL, unicode). */
const validProfile: fc.Arbitrary<CriterionSample[]> = fc
  .uniqueArray(fc.constantFrom(...HOSTILE_TEXTS.filter((text) => !LINE_BREAK.test(text.trim())), 'Go', 'Rust', 'SQL'), {
    minLength: 1,
    maxLength: 3,
    selector: (label) => labelKey(label.trim()),
  })
  .chain((labels) =>
    fc.tuple(
      ...labels.map((label) =>
        fc.record({
          label: fc.constant(ok(label)),
          description: fc.constantFrom(...HOSTILE_TEXTS, null).map(ok),
          kind: fc.constantFrom(...KINDS).map(ok),
          weight: fc.integer({ min: 1, max: 5 }).map(ok),
        }),
      ),
    ),
  );

/** A profile: usually a few criteria, sometimes none or more than the 30 allowed, sometimes no list at all. */
export const profile: fc.Arbitrary<CriterionSample[] | null | undefined> = fc.oneof(
  { weight: 4, arbitrary: validProfile },
  { weight: 6, arbitrary: fc.array(criterion, { minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constant<CriterionSample[]>([]) },
  { weight: 1, arbitrary: fc.array(criterion, { minLength: 29, maxLength: 32 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
);

/** The profile rules: 1..30 criteria, each label required (≤120) and unique ignoring case, description ≤1000, weight 1..5. */
export function profileValue(v: Verdicts, field: string, items: CriterionSample[] | null | undefined, required: boolean): unknown {
  if (items == null) {
    if (required) v.type(field);
    return items;
  }
  const inner = new Verdicts();
  const value = items.map((item, index) => ({
    label: inner.add(`${field}.${index}.label`, item.label),
    description: inner.add(`${field}.${index}.description`, item.description),
    kind: inner.add(`${field}.${index}.kind`, item.kind),
    weight: inner.add(`${field}.${index}.weight`, item.weight),
  }));
  v.types.push(...inner.types);
  if (inner.hostile) v.hostile = true;
  if (items.length < 1 || items.length > 30) {
    // the list is refused as a whole: its items are not examined
    v.fail(field);
    return value;
  }
  v.invalid.push(...inner.invalid);
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (typeof item.label.value !== 'string') return;
    const label = item.label.value.trim();
    if (label === '') return;
    if (seen.has(labelKey(label))) v.fail(`${field}.${index}.label`);
    seen.add(labelKey(label));
  });
  return value;
}

/** A moment as the DateTime scalar reads it, with an end relative to the start. */
export interface SessionTimes {
  startsAt: unknown;
  endsAt: unknown;
}

const YEAR_MS = 365.25 * 24 * 3_600_000;
const storable = (value: unknown) => {
  const time = dateOf(value).getTime();
  return Number.isNaN(time) || (time > -1_900 * YEAR_MS && time < 8_000 * YEAR_MS);
};

export const sessionTimes: fc.Arbitrary<SessionTimes> = fc
  .oneof(
    {
      weight: 5,
      arbitrary: fc
        .tuple(
          fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
          fc.oneof(
            fc.integer({ min: 60_000, max: 24 * 3_600_000 }),
            fc.constantFrom(0, -1, 1, 24 * 3_600_000 + 1, -3_600_000, 48 * 3_600_000),
            fc.integer({ min: -10 * 24 * 3_600_000, max: 10 * 24 * 3_600_000 }),
          ),
          fc.constantFrom('iso', 'iso', 'offset', 'epoch', 'date-only', 'no-zone'),
        )
        .map(([start, duration, format]): SessionTimes => {
          const end = new Date(start.getTime() + duration);
          // the same instants written as +05:30 and -00:00 local times
          const at = (date: Date, offsetMinutes: number, zone: string) =>
            new Date(date.getTime() + offsetMinutes * 60_000).toISOString().replace('Z', zone);
          if (format === 'epoch') return { startsAt: start.getTime(), endsAt: end.getTime() };
          if (format === 'offset') return { startsAt: at(start, 330, '+05:30'), endsAt: at(end, 0, '-00:00') };
          if (format === 'date-only') return { startsAt: start.toISOString().slice(0, 10), endsAt: end.toISOString() };
          if (format === 'no-zone') return { startsAt: start.toISOString(), endsAt: end.toISOString().slice(0, 19) };
          return { startsAt: start.toISOString(), endsAt: end.toISOString() };
        }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        startsAt: fc.oneof(
          fc.constantFrom<unknown>(
            'tomorrow',
            '',
            '2024-13-45T25:61:00Z',
            '2024-02-30',
            '2024-02-30T10:00:00Z',
            '2024-01-01T24:00:00Z',
            '2024-01-01 10:00:00Z',
            '2024-01-01T10:00Z',
            '+002024-01-01T10:00:00Z',
            'NaN',
            'Infinity',
            '0000-00-00',
            "2024-01-01'; --",
            1_900_000_000_000,
            0,
            true,
            false,
            {},
            [],
            null,
            undefined,
          ),
          hostileString(40),
        ),
        endsAt: fc.constantFrom<unknown>('2030-01-01T10:00:00Z', '2030-01-01', 'never', null, undefined, 1_900_000_000_000, false),
      }),
    },
  )
  .filter((times) => storable(times.startsAt) && storable(times.endsAt));

/** The session time rules: both dates, end after start, at most 24 hours. */
export function timesValue(v: Verdicts, times: SessionTimes): void {
  const check = (field: 'startsAt' | 'endsAt') => {
    const value = times[field];
    if (value === null || value === undefined) return v.type(`input.${field}`);
    if (!(typeof value === 'string')) v.hostile = true;
    if (Number.isNaN(dateOf(value).getTime())) v.fail(`input.${field}`);
  };
  check('startsAt');
  check('endsAt');
  if (v.types.length === 0 && !v.has('input.startsAt') && !v.has('input.endsAt')) {
    const duration = dateOf(times.endsAt).getTime() - dateOf(times.startsAt).getTime();
    if (duration <= 0 || duration > 24 * 3_600_000) v.fail('input.endsAt');
  }
}

/** An own id (optionally in another letter case) or a hostile one. */
export function someId(own: readonly string[], foreign: readonly string[], ownWeight = 3) {
  return fc.oneof(
    {
      weight: ownWeight,
      arbitrary: fc
        .constantFrom(...own)
        .chain((id) => fc.constantFrom({ value: id, kind: 'own' as const }, { value: id.toUpperCase(), kind: 'own' as const })),
    },
    { weight: 2, arbitrary: hostileId(foreign).map((id) => ({ value: id.value, kind: id.kind })) },
  );
}

export type IdSample = { value: unknown; kind: 'own' | 'unknown' | 'malformed' | 'type' };

export const idIsMalformed = (id: IdSample) => id.kind !== 'type' && !isUuid(id.value);

export { textVerdict };
export type { Verdict };
