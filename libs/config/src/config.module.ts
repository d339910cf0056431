import { DynamicModule, Global, Module } from '@nestjs/common';

import { CloserConfig } from './closer-config';

/** Makes the validated CloserConfig injectable everywhere; main.ts validates before boot. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: CloserConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: CloserConfig, useValue: config }], exports: [CloserConfig] };
  }
}
