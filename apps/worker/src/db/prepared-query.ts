import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Runs a named statement on the pool TypeORM manages. PostgreSQL parses and plans a named
 * statement once per connection (and settles on a generic plan after a few runs) instead of on
 * every call: for the joins on the mail path, planning costs several times what executing does,
 * once per form at a hiring spree's volume. Each name must always carry the same text; statements
 * name their columns (never `*`), so a migration's new column never changes a cached result type.
 */
export async function preparedQuery<T>(dataSource: DataSource, name: string, text: string, values: unknown[]): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const result = await pool.query({ name, text, values });
  return result.rows as T[];
}
