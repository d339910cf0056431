import type { DataSourceOptions } from 'typeorm';

import { ENTITIES } from './entities';

/**
 * The one definition of how Closer talks to PostgreSQL, shared by the apps and the TypeORM CLI.
 * Migrations are explicit; schema synchronisation is never used.
 */
export function dataSourceOptions(
  url: string,
  overrides: { applicationName?: string; poolSize?: number; readUrl?: string } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    uuidExtension: 'pgcrypto',
    // with a replica, TypeORM keeps a pool per server; everything runs on the primary unless a
    // caller asks for a replica query runner (ReadReplica in the candidate service)
    ...(overrides.readUrl ? { replication: { master: { url }, slaves: [{ url: overrides.readUrl }], defaultMode: 'master' } } : { url }),
    entities: ENTITIES,
    migrations: [`${__dirname}/migrations/*.{ts,js}`],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    // failed statements would be printed with their parameters (names, emails): errors surface as exceptions instead
    logging: false,
    applicationName: overrides.applicationName ?? 'closer',
    extra: {
      max: overrides.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      // a lost connection to a restarted server is replaced, not fatal
      keepAlive: true,
      // short OLTP statements: JIT compilation costs more than it saves, and a stale plan estimate
      // (before autovacuum analyzes a burst of new rows) would otherwise compile on every execution
      options: '-c jit=off',
    },
  };
}
