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
  search: 200,
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@<>"(),;:\\[\]]+@[^\s@<>"(),;:\\[\]]+\.[^\s@<>"(),;:\\[\]]+$/;
// C0 controls other than tab and newlines never belong in user text (and NUL breaks PostgreSQL)
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

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

  /** Trimmed text, required and non-empty. */
  text(field: string, value: unknown, max: number): string {
    const text = this.optionalText(field, value, max);
    if (text === null && !this.has(field)) this.fail(field, 'is required');
    return text ?? '';
  }

  /** Trimmed text or null when absent or blank. */
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

  email(field: string, value: unknown): string {
    const email = this.text(field, value, TEXT_LIMITS.email).toLowerCase();
    if (email && !this.has(field) && !EMAIL.test(email)) this.fail(field, 'must be a valid email address');
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

  /** A date PostgreSQL can store and people can mean: years 1970 to 9999. */
  date(field: string, value: unknown): Date {
    const date = value instanceof Date ? value : new Date(typeof value === 'string' ? value : NaN);
    const time = date.getTime();
    if (Number.isNaN(time)) this.fail(field, 'must be a date and time');
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
