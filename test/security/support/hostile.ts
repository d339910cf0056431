import fc from 'fast-check';

/**
 * Hostile values for every kind of field, each with the outcome the contract promises for it:
 * `ok` (accepted), `invalid` (BAD_USER_INPUT from the service, naming the field) or `type` (the
 * GraphQL layer refuses the variables before any resolver runs).
 */
export type Verdict = 'ok' | 'invalid' | 'type';

export interface Sample {
  /** `undefined` leaves the field out of the input object. */
  value: unknown;
  verdict: Verdict;
  /** Anything but a plain, well-formed value (all refusals, and accepted unicode/markup/SQL text). */
  hostile: boolean;
}

/** The stored-text rule of the contract: control characters other than tab and line breaks (LF, CR, NEL) are refused. */
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F]/;
/** Every line break: refused in names, titles and labels (single-line fields), kept in free text. */
export const LINE_BREAK = /[\n\r\u0085\u2028\u2029]/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@<>"(),;:\\[\]]+@[^\s@<>"(),;:\\[\]]+\.[^\s@<>"(),;:\\[\]]+$/;
export const isUuid = (value: unknown): boolean => typeof value === 'string' && UUID.test(value);

/** Text that is valid to store but dangerous to echo: markup, SQL, template syntax, bidi tricks, header injection. */
export const HOSTILE_TEXTS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(document.domain)>',
  '<svg/onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  "'; DROP TABLE candidates; --",
  "Robert'); DELETE FROM organizations WHERE ('1'='1",
  '1 OR 1=1; SELECT pg_sleep(5)',
  "$1 $2 ::text \\x00 E'\\\\'",
  '{{constructor.constructor("alert(1)")()}}',
  '${process.exit(1)} #{7*7} <%= 7*7 %>',
  '\u202Egnp.exe\u202C evil',
  'Zoë 👩🏽‍💻 Ñandú 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u{1F1FA}\u{1F1F8} Ω≈ç√',
  'a\u0301\u0301\u0301\u0301 Z̷̢̛̛͖̙͓a̵l̷g̸o̴',
  '\u200B\u200D\uFEFF zero width \u2060',
  '%00%0d%0a%3Cscript%3E',
  '../../../../etc/passwd',
  '&lt;already escaped&gt; &amp; &#60;script&#62;',
  'line one\nline two\r\nBcc: victim@example.com',
  'null',
  'undefined',
  '__proto__',
  '\uD83D\uDE00\uD83D\uDE00 surrogate pairs 😀',
  'مرحبا بالعالم עברית',
  '日本語のテキスト 中文 한국어',
] as const;

const CONTROLS = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000E', '\u001B', '\u001F', '\u007F', '\u0080', '\u009B', '\u009F'];
const LINE_BREAKS = ['\n', '\r', '\r\n', '\u0085', '\u2028', '\u2029'];
const BLANKS = ['', ' ', '   ', '\t\n ', '\r\n', '\u00A0', '\u3000\u2028', '\uFEFF', '\u000B\u000C'];
const WRONG_TYPES: unknown[] = [42, -1, 0, true, false, 1.5, {}, { value: 'x' }, ['x'], []];

const mixed = (maxLength: number) =>
  fc.oneof(fc.string({ unit: 'grapheme', maxLength }), fc.string({ unit: 'binary', maxLength }), fc.string({ maxLength }));

/** Strings of every hostile flavour (their verdict is decided by the field's rule, see textVerdict). */
export function hostileString(max: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_TEXTS) },
    { weight: 2, arbitrary: fc.tuple(mixed(12), fc.constantFrom(...HOSTILE_TEXTS), mixed(12)).map(([a, b, c]) => `${a}${b}${c}`) },
    { weight: 3, arbitrary: mixed(40) },
    { weight: 2, arbitrary: fc.tuple(mixed(10), fc.constantFrom(...CONTROLS), mixed(10)).map(([a, c, b]) => `${a}x${c}${b}`) },
    { weight: 1, arbitrary: fc.tuple(mixed(10), fc.constantFrom(...LINE_BREAKS), mixed(10)).map(([a, n, b]) => `${a}x${n}x${b}`) },
    { weight: 1, arbitrary: fc.constantFrom(...BLANKS) },
    // over the limit (counted in UTF-16 units, after trimming)
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.integer({ min: 1, max: 300 }), fc.constantFrom('x', 'é', '😀', '<b>', "'", '\u0301'))
        .map(([extra, unit]) => `y${unit.repeat(Math.ceil((max + extra) / unit.length))}`),
    },
    // exactly at the limit
    { weight: 1, arbitrary: fc.constant('z'.repeat(max)) },
  );
}

/** The stored-text rule as the contract states it, judged on the trimmed text; single-line fields also refuse line breaks. */
export function textVerdict(value: unknown, max: number, required: boolean, singleLine = false): Verdict {
  if (value === undefined || value === null) return required ? 'type' : 'ok';
  if (typeof value !== 'string') return 'type';
  const text = value.trim();
  if (CONTROL.test(text) || text.length > max) return 'invalid';
  if (required && text === '') return 'invalid';
  if (singleLine && LINE_BREAK.test(text)) return 'invalid';
  return 'ok';
}

/** A plain valid value, or a hostile one of any kind, for a String field. */
export function textField(
  max: number,
  options: { required: boolean; plain?: fc.Arbitrary<string>; plainWeight?: number; singleLine?: boolean },
): fc.Arbitrary<Sample> {
  const plain = options.plain ?? fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,20}[a-z]$/);
  const verdict = (value: unknown) => textVerdict(value, max, options.required, options.singleLine);
  return fc.oneof(
    {
      weight: options.plainWeight ?? 2,
      arbitrary: plain.map((value) => ({ value, verdict: verdict(value), hostile: false })),
    },
    {
      weight: 6,
      arbitrary: hostileString(max).map((value) => ({ value, verdict: verdict(value), hostile: true })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom<unknown>(...WRONG_TYPES, null, undefined)
        .map((value) => ({ value, verdict: verdict(value), hostile: true })),
    },
  );
}

/** An address as it is stored: trimmed, lower-cased, in Unicode normal form C. */
export const storedEmail = (value: string) => value.trim().toLowerCase().normalize('NFC');

/**
 * The email rule, judged on the stored form: at most 254 units, no space, control, line break or
 * invisible (format, unassigned, private-use) character, one @ and a dotted domain, no markup.
 */
export function emailVerdict(value: unknown): Verdict {
  if (value === undefined || value === null) return 'type';
  if (typeof value !== 'string') return 'type';
  const email = storedEmail(value);
  if (email === '' || email.length > 254 || /[\p{Z}\p{C}\s]/u.test(email)) return 'invalid';
  return EMAIL.test(email) ? 'ok' : 'invalid';
}

export function emailField(): fc.Arbitrary<Sample> {
  const hostile = fc.oneof(
    fc.constantFrom(
      '<script>alert(1)</script>@example.com',
      '"quoted"@example.com',
      'a@b',
      'a b@example.com',
      'x@y.z\r\nBcc: victim@example.com',
      "o'brien+tag@EXAMPLE.co.uk",
      'UPPER@Example.COM',
      'null@null.null',
      'a@b.c; DROP TABLE interviewers; --',
      '@example.com',
      'a@@example.com',
      'ünïcødé@exämple.de',
      `${'l'.repeat(250)}@x.co`,
      `${'l'.repeat(245)}@x.co`,
      '  padded@example.com  ',
      // judged as stored: "İ" lower-cases to two units (253 → 256), "e" + accent composes to one (256 → 254)
      `${'İ'.repeat(3)}${'l'.repeat(245)}@x.co`,
      `${'e\u0301'.repeat(2)}${'l'.repeat(247)}@x.co`,
      'a\u0085b@example.com',
      'a\u200Bb@example.com',
      'ab@exa\u2028mple.com',
      '\u202Eevil@example.com',
      'tab\t@example.com',
    ),
    fc.tuple(fc.emailAddress(), fc.constantFrom(...CONTROLS)).map(([email, control]) => email.replace('@', `${control}@`)),
    hostileString(254),
  );
  return fc.oneof(
    { weight: 2, arbitrary: fc.emailAddress().map((value) => ({ value, verdict: emailVerdict(value), hostile: false })) },
    { weight: 5, arbitrary: hostile.map((value) => ({ value, verdict: emailVerdict(value), hostile: true })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom<unknown>(...WRONG_TYPES, null, undefined)
        .map((value) => ({ value, verdict: emailVerdict(value), hostile: true })),
    },
  );
}

/** graphql-js Int: a 32-bit whole number, nothing else. */
export function intVerdict(value: unknown, min: number, max: number, required: boolean): Verdict {
  if (value === undefined || value === null) return required ? 'type' : 'ok';
  if (typeof value !== 'number' || !Number.isInteger(value) || value > 2 ** 31 - 1 || value < -(2 ** 31)) return 'type';
  return value >= min && value <= max ? 'ok' : 'invalid';
}

export function intField(min: number, max: number, options: { required: boolean; okWeight?: number }): fc.Arbitrary<Sample> {
  const verdict = (value: unknown) => intVerdict(value, min, max, options.required);
  return fc.oneof(
    {
      weight: options.okWeight ?? 2,
      arbitrary: fc.integer({ min, max }).map((value) => ({ value, verdict: verdict(value), hostile: false })),
    },
    {
      weight: 4,
      arbitrary: fc
        .oneof(
          fc.constantFrom(min - 1, max + 1, 0, -1, -(2 ** 31), 2 ** 31 - 1),
          fc.integer({ min: -(2 ** 31), max: min - 1 }),
          fc.integer({ min: max + 1, max: 2 ** 31 - 1 }),
        )
        .map((value) => ({ value, verdict: verdict(value), hostile: true })),
    },
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          fc.constantFrom<unknown>(2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1e21, -1e308, '3', '1e3', true, [], {}, null, undefined),
          fc.double({ noNaN: true, noDefaultInfinity: true }).filter((value) => !Number.isInteger(value)),
        )
        .map((value) => ({ value, verdict: verdict(value), hostile: true })),
    },
  );
}

export function booleanVerdict(value: unknown, required: boolean): Verdict {
  if (value === undefined || value === null) return required ? 'type' : 'ok';
  return typeof value === 'boolean' ? 'ok' : 'type';
}

export function booleanField(options: { required: boolean }): fc.Arbitrary<Sample> {
  return fc
    .oneof(fc.boolean(), fc.constantFrom<unknown>('true', 'false', 1, 0, 'yes', null, undefined, {}, []))
    .map((value) => ({ value, verdict: booleanVerdict(value, options.required), hostile: typeof value !== 'boolean' }));
}

/** A GraphQL enum: only its exact names pass the GraphQL layer. */
export function enumField(values: readonly string[], options: { required: boolean; okWeight?: number }): fc.Arbitrary<Sample> {
  const verdict = (value: unknown): Verdict => {
    if (value === undefined || value === null) return options.required ? 'type' : 'ok';
    return typeof value === 'string' && values.includes(value) ? 'ok' : 'type';
  };
  return fc
    .oneof(
      { weight: options.okWeight ?? 3, arbitrary: fc.constantFrom(...values) },
      {
        weight: 2,
        arbitrary: fc.oneof(
          fc.constantFrom<unknown>(
            values[0].toLowerCase(),
            ` ${values[0]}`,
            `${values[0]}\u0000`,
            "'; DROP TABLE roles; --",
            0,
            1,
            true,
            {},
            null,
            undefined,
          ),
          hostileString(30),
        ),
      },
    )
    .map((value) => ({ value, verdict: verdict(value), hostile: !values.includes(value as string) }));
}

/**
 * The DateTime of the contract: an RFC 3339 date-time string — a calendar day, a time to the
 * second (fractions allowed) and Z or a ±hh:mm offset — and nothing else (numbers, booleans, a
 * date alone, a time without a zone are refused). An invalid Date for anything else.
 */
export function dateOf(value: unknown): Date {
  const invalid = new Date(NaN);
  if (typeof value !== 'string') return invalid;
  const parts = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/.exec(value);
  if (!parts) return invalid;
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map(Number) as number[];
  const daysInMonth = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth[month - 1]) return invalid;
  if (hour > 23 || minute > 59 || second > 59 || Number(parts[9] ?? 0) > 23 || Number(parts[10] ?? 0) > 59) return invalid;
  return new Date(value);
}

/** Ids of every hostile kind; `unknown` ones look like uuids but name nothing of the caller's. */
export type IdKind = 'unknown' | 'malformed' | 'type';

export function hostileId(foreign: readonly string[]): fc.Arbitrary<{ value: unknown; kind: IdKind }> {
  const malformed = fc.oneof(
    fc.constantFrom(
      '',
      ' ',
      '0',
      'null',
      "' OR '1'='1",
      '1; DROP TABLE interview_sessions; --',
      '00000000-0000-0000-0000-00000000000',
      '00000000-0000-0000-0000-0000000000000',
      '00000000000000000000000000000000',
      '{00000000-0000-0000-0000-000000000000}',
      'g0000000-0000-0000-0000-000000000000',
      '------------------------------------',
      '<script>alert(1)</script>',
      '../../etc/passwd',
      '\u0000',
      'ａ0000000-0000-0000-0000-000000000000',
    ),
    fc.uuid().map((id) => `${id}\u0000`),
    fc.uuid().map((id) => ` ${id}`),
    fc.uuid().map((id) => `${id}' OR '1'='1`),
    fc.uuid().map((id) => id.replace(/-/g, '')),
    fc.constantFrom(...(foreign.length > 0 ? foreign : ['x'])).map((id) => `${id}x`),
    fc.integer().map((n) => n), // ID accepts whole numbers, as strings
    mixed(60),
    fc.constant('x'.repeat(5_000)),
  );
  return fc.oneof(
    { weight: 3, arbitrary: fc.uuid().map((value) => ({ value, kind: 'unknown' as const })) },
    {
      weight: foreign.length > 0 ? 3 : 0,
      arbitrary: fc
        .constantFrom(...(foreign.length > 0 ? foreign : ['00000000-0000-0000-0000-000000000000']))
        .chain((id) => fc.constantFrom(id, id.toUpperCase()))
        .map((value) => ({ value, kind: 'unknown' as const })),
    },
    { weight: 1, arbitrary: fc.constant({ value: '00000000-0000-0000-0000-000000000000', kind: 'unknown' as const }) },
    { weight: 4, arbitrary: malformed.map((value) => ({ value, kind: isUuid(value) ? ('unknown' as const) : ('malformed' as const) })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<unknown>(true, 1.5, {}, ['x'], null, undefined).map((value) => ({ value, kind: 'type' as const })),
    },
  );
}
