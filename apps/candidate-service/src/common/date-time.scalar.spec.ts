import { parseValue as parseGraphQLValue } from 'graphql';

import { DateTimeScalar, parseDateTime } from './date-time.scalar';

describe(DateTimeScalar.name, () => {
  const sut = new DateTimeScalar();
  const iso = (date: Date) => date.toISOString();
  const unreadable = (date: Date) => Number.isNaN(date.getTime());

  it.each([
    ['2026-12-07T10:00:00Z', '2026-12-07T10:00:00.000Z'],
    ['2026-12-07T12:00:00+02:00', '2026-12-07T10:00:00.000Z'],
    ['2026-12-07T04:30:00-05:30', '2026-12-07T10:00:00.000Z'],
    ['2026-12-07T10:00:00-00:00', '2026-12-07T10:00:00.000Z'],
    ['2026-12-07T10:00:00.5Z', '2026-12-07T10:00:00.500Z'],
    ['2026-12-07T10:00:00.123456789Z', '2026-12-07T10:00:00.123Z'],
    ['2024-02-29T23:59:59+23:59', '2024-02-29T00:00:59.000Z'],
    ['2026-01-01T00:30:00+01:00', '2025-12-31T23:30:00.000Z'],
  ])('reads %s as %s, from a variable and from a literal', (text, expected) => {
    expect(iso(sut.parseValue(text))).toBe(expected);
    expect(iso(sut.parseLiteral(parseGraphQLValue(JSON.stringify(text))))).toBe(expected);
  });

  it('keeps the years 0–99 as written (Date.UTC would move them to the 1900s)', () => {
    expect(parseDateTime('0050-06-01T00:00:00Z')?.getUTCFullYear()).toBe(50);
  });

  it.each<[string, unknown]>([
    ['a number', 1_796_637_600_000],
    ['zero', 0],
    ['true', true],
    ['false', false],
    ['an object', { value: '2026-12-07T10:00:00Z' }],
    ['a list', ['2026-12-07T10:00:00Z']],
    ['a Date object', new Date('2026-12-07T10:00:00Z')],
    ['a date alone', '2026-12-07'],
    ['no time zone', '2026-12-07T10:00:00'],
    ['no seconds', '2026-12-07T10:00Z'],
    ['a space for the T', '2026-12-07 10:00:00Z'],
    ['a lower-case z', '2026-12-07T10:00:00z'],
    ['an offset without a colon', '2026-12-07T10:00:00+0200'],
    ['an expanded year', '+002026-12-07T10:00:00Z'],
    ['a negative year', '-002026-12-07T10:00:00Z'],
    ['29 February of a common year', '2026-02-29T10:00:00Z'],
    ['31 April', '2026-04-31T10:00:00Z'],
    ['day 0', '2026-04-00T10:00:00Z'],
    ['month 13', '2026-13-01T10:00:00Z'],
    ['hour 24', '2026-12-07T24:00:00Z'],
    ['minute 60', '2026-12-07T10:60:00Z'],
    ['a leap second', '2026-12-31T23:59:60Z'],
    ['an offset of 24 hours', '2026-12-07T10:00:00+24:00'],
    ['an offset of 60 minutes', '2026-12-07T10:00:00+01:60'],
    ['ten fraction digits', '2026-12-07T10:00:00.1234567890Z'],
    ['surrounding spaces', ' 2026-12-07T10:00:00Z '],
    ['a trailing line break', '2026-12-07T10:00:00Z\n'],
    ['words', 'tomorrow'],
    ['nothing', ''],
  ])('refuses %s as a variable: the resolver gets an invalid Date for the validator to name', (_case, value) => {
    expect(unreadable(sut.parseValue(value))).toBe(true);
  });

  it.each([
    ['an integer', '1796637600000'],
    ['a float', '1.5'],
    ['a boolean', 'true'],
    ['an enum value', 'NOW'],
    ['an object', '{ at: "2026-12-07T10:00:00Z" }'],
    ['a list', '["2026-12-07T10:00:00Z"]'],
    ['a date alone', '"2026-12-07"'],
  ])('refuses %s as a literal', (_case, literal) => {
    expect(unreadable(sut.parseLiteral(parseGraphQLValue(literal)))).toBe(true);
  });

  it('serializes a Date as an ISO string at UTC, and refuses anything else', () => {
    expect(sut.serialize(new Date('2026-12-07T12:00:00+02:00'))).toBe('2026-12-07T10:00:00.000Z');
    expect(() => sut.serialize(new Date(NaN))).toThrow(TypeError);
    expect(() => sut.serialize('2026-12-07T10:00:00Z')).toThrow(TypeError);
    expect(() => sut.serialize(1_796_637_600_000)).toThrow(TypeError);
  });
});
