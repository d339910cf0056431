import { CloserConfig } from '@closer/config';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { dataSourceOptions } from './data-source-options';

@Module({})
export class DatabaseModule {
  static forRoot(options: { applicationName: string; poolSize?: number }): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [CloserConfig],
          useFactory: (config: CloserConfig) => ({
            ...dataSourceOptions(config.database.url, options),
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
