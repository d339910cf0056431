import { DomainError, FieldProblem } from '../errors/domain-error';

/**
 * Limits on what a client may store. Generous for real use, small enough that no field can be
 * used to fill the database or a mail.
 */
export const TEXT_LIMITS = {
  name: 200,
  email: 254,
  title: 200,
  label: 120,
  description: 1_000,
  nextSteps: 2_000,
  longText: 5_000,
  note: 1_000,
  reason: 1_000,
  reply: 2_000,
  search: 200,
  externalId: 200,
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@<>"(),;:\\[\]]+@[^\s@<>"(),;:\\[\]]+\.[^\s@<>"(),;:\\[\]]+$/;
// Control characters never belong in user text (NUL breaks PostgreSQL, others hide text or
// rewrite a terminal); tab and the line breaks are left to the rules below.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F]/;
// Every line break Unicode knows: in a name or title it could start a new mail header or split a subject.
const LINE_BREAK = /[\n\r\u0085\u2028\u2029]/;
// An address is typed, not written: no spaces of any kind, controls, invisible format characters
// (zero-width, bidi overrides), unassigned or private code points.
const NOT_IN_EMAIL = /[\p{Z}\p{C}\s]/u;

const EARLIEST_DATE = Date.UTC(1970, 0, 1);
const LATEST_DATE = Date.UTC(10000, 0, 1);

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/**
 * Collects every problem of one input, naming each field, then throws them together as
 * BAD_USER_INPUT — so a refused request never changes anything and the client learns all at once.
 */
export class InputValidator {
  private readonly problems: FieldProblem[] = [];

  fail(field: string, message: string): void {
    this.problems.push({ field, message });
  }

  /** Trimmed text, required and non-empty; line breaks allowed (feedback, reasons). */
  text(field: string, value: unknown, max: number): string {
    const text = this.optionalText(field, value, max);
    if (text === null && !this.has(field)) this.fail(field, 'is required');
    return text ?? '';
  }

  /** Trimmed text or null when absent or blank; line breaks allowed. */
  optionalText(field: string, value: unknown, max: number): string | null {
    if (value === null || value === undefined) return null;
    if (typeof value !== 'string') {
      this.fail(field, 'must be text');
      return null;
    }
    const text = value.trim();
    if (CONTROL.test(text)) this.fail(field, 'must not contain control characters');
    else if (text.length > max) this.fail(field, `must be at most ${max} characters`);
    return text === '' ? null : text;
  }

  /**
   * Trimmed one-line text, required: names and titles, which mails put in headers and subject
   * lines. Judged after trimming, so a line break at either end is trimmed away, not refused.
   */
  line(field: string, value: unknown, max: number): string {
    const text = this.text(field, value, max);
    if (!this.has(field) && LINE_BREAK.test(text)) this.fail(field, 'must be a single line');
    return text;
  }

  /**
   * An address as it is stored: trimmed, lower-cased and in Unicode normal form C (one spelling
   * per address, so a decomposed accent cannot register it twice) — and judged on that, so the
   * length limit holds for what is kept (lower-casing "İ" doubles it; composing "e" and an accent
   * halves it) and nothing invisible is kept in an address.
   */
  email(field: string, value: unknown): string {
    if (typeof value !== 'string') return this.text(field, value, TEXT_LIMITS.email);
    const email = value.trim().toLowerCase().normalize('NFC');
    if (email === '') this.fail(field, 'is required');
    else if (email.length > TEXT_LIMITS.email) this.fail(field, `must be at most ${TEXT_LIMITS.email} characters`);
    else if (NOT_IN_EMAIL.test(email)) this.fail(field, 'must not contain spaces, line breaks, control or invisible characters');
    else if (!EMAIL.test(email)) this.fail(field, 'must be a valid email address');
    return email;
  }

  int(field: string, value: unknown, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
      this.fail(field, `must be a whole number from ${min} to ${max}`);
    return value as number;
  }

  uuid(field: string, value: unknown): string {
    if (!isUuid(value)) this.fail(field, 'must be an id');
    return String(value);
  }

  /**
   * A date PostgreSQL can store and people can mean: years 1970 to 9999. The DateTime scalar
   * hands over anything that was not an RFC 3339 date-time as an invalid Date.
   */
  date(field: string, value: unknown): Date {
    const date = value instanceof Date ? value : new Date(NaN);
    const time = date.getTime();
    if (Number.isNaN(time)) this.fail(field, 'must be a date and time with a time zone, such as 2026-12-07T10:00:00Z');
    else if (time < EARLIEST_DATE || time >= LATEST_DATE) this.fail(field, 'must be between the years 1970 and 9999');
    return date;
  }

  has(field: string): boolean {
    return this.problems.some((problem) => problem.field === field);
  }

  get valid(): boolean {
    return this.problems.length === 0;
  }

  throwIfInvalid(): void {
    if (this.problems.length > 0) throw DomainError.invalid(this.problems);
  }
}
