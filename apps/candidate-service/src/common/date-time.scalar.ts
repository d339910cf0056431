import { CustomScalar, Scalar } from '@nestjs/graphql';
import { Kind, ValueNode } from 'graphql';

// RFC 3339: a full date, a time to the second and a time zone designator (Z or ±hh:mm)
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/**
 * Reads an RFC 3339 date-time string (`2026-12-07T10:00:00Z`, `2026-12-07T12:00:00+02:00`) and
 * nothing else: not a number of milliseconds, not a boolean, not a date without a time or a
 * time without a zone (which would mean a different instant on every server). Null when the
 * value is not one, or names no day of the calendar (`2026-02-30`).
 */
export function parseDateTime(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const match = DATE_TIME.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const millis = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const zoneSign = match[9] === '-' ? -1 : 1;
  const [zoneHours, zoneMinutes] = match[8] ? [0, 0] : [Number(match[10]), Number(match[11])];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59 || zoneHours > 23 || zoneMinutes > 59) return null;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, keeps the years 0–99 as written
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1) return null;
  date.setUTCHours(hour, minute, second, millis);
  return new Date(date.getTime() - zoneSign * (zoneHours * 60 + zoneMinutes) * 60_000);
}

/** What an unreadable DateTime becomes: not a date, so InputValidator.date names the field. */
const UNREADABLE = () => new Date(NaN);

/**
 * The `DateTime` of the contract, in place of @nestjs/graphql's, which made a date of anything
 * (`true` was 1 ms after 1970, a number was milliseconds, a date alone was midnight UTC).
 *
 * A value that is not an RFC 3339 date-time reaches the resolver as an invalid Date instead of
 * failing here: graphql-js would report it without the field's name (for a literal) or as a
 * request the gateway cannot pass on, whereas the services' InputValidator.date refuses it as
 * BAD_USER_INPUT naming the field, together with every other problem of the input.
 */
@Scalar('DateTime', () => Date)
export class DateTimeScalar implements CustomScalar<string, Date> {
  description = 'A date and time with a time zone (RFC 3339), such as 2026-12-07T10:00:00Z or 2026-12-07T12:00:00+02:00.';

  parseValue(value: unknown): Date {
    return parseDateTime(value) ?? UNREADABLE();
  }

  parseLiteral(ast: ValueNode): Date {
    return (ast.kind === Kind.STRING ? parseDateTime(ast.value) : null) ?? UNREADABLE();
  }

  serialize(value: unknown): string {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new TypeError('DateTime can only serialize a valid Date');
    return value.toISOString();
  }
}
