import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { type EntityManager, QueryFailedError } from 'typeorm';

/** A statement of a hot path, prepared once per connection under its name. */
export interface PreparedStatement {
  /** Unique across the application: one name, one text. */
  name: string;
  text: string;
}

/**
 * Runs a named prepared statement on the manager's connection (its transaction's, when it has
 * one). PostgreSQL then parses a statement once per connection and, after a few executions,
 * reuses a generic plan instead of planning every call; for the multi-join lookups of a hot path
 * planning costs more than executing. Errors are TypeORM's QueryFailedError, as manager.query's.
 */
export async function preparedQuery<T extends QueryResultRow>(
  manager: EntityManager,
  statement: PreparedStatement,
  values: unknown[],
): Promise<T[]> {
  const runner = manager.queryRunner;
  const client = (runner ? await runner.connect() : (manager.dataSource.driver as unknown as { master: Pool }).master) as Pool | PoolClient;
  try {
    return (await client.query<T>({ name: statement.name, text: statement.text, values })).rows;
  } catch (error) {
    throw new QueryFailedError(statement.text, values, error as Error);
  }
}
