import { CloserConfig } from '@closer/config';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { dataSourceOptions } from './data-source-options';

@Module({})
export class DatabaseModule {
  /** useReplica: send the reads that ask for it to DATABASE_READ_URL (the candidate service's dashboards, exports, lists). */
  static forRoot(options: { applicationName: string; poolSize?: number; useReplica?: boolean }): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [CloserConfig],
          useFactory: (config: CloserConfig) => ({
            ...dataSourceOptions(config.database.url, { ...options, readUrl: options.useReplica ? config.database.readUrl : undefined }),
            // keep retrying at boot while PostgreSQL comes up
            retryAttempts: 30,
            retryDelay: 1_000,
          }),
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
