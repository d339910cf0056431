// Building blocks of the seed's generated SQL: every value is a pure function of (organization,
// row number) through hashint8extended and md5.

/** A uniform [0, 1) value, a pure function of (key, salt). */
export const U = (key: string, salt: number) => `((hashint8extended((${key})::bigint, ${salt}) & 2147483647)::float8 / 2147483648.0)`;
export const uid = (namespace: string, key: string) => `md5('${namespace}:' || (${key}))::uuid`;
export const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
export const array = (items: readonly string[]) => `ARRAY[${items.map(literal).join(', ')}]::text[]`;
export const pick = (items: readonly string[], u: string) => `(${array(items)})[1 + floor(${u} * ${items.length})::int]`;

/** Counts the rows written per table. */
export type Add = (table: string, count: number | null) => void;
