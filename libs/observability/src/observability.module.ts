import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';

import { HealthService } from './health.service';
import { pinoParams } from './logging';
import { MetricsService } from './metrics.service';
import { METRICS_TOKEN, OpsController } from './ops.controller';

/** JSON logs with request ids, /health and /metrics, the same in every app. */
@Module({})
export class ObservabilityModule {
  /** `metricsToken`: when set, /metrics answers only `Authorization: Bearer <metricsToken>`. */
  static forRoot(options: { app: string; logLevel: string; http: boolean; metricsToken?: string }): DynamicModule {
    const metrics = new MetricsService();
    metrics.setApp(options.app);
    return {
      module: ObservabilityModule,
      global: true,
      imports: [LoggerModule.forRoot(pinoParams(options.app, options.logLevel))],
      controllers: options.http ? [OpsController] : [],
      providers: [
        HealthService,
        { provide: MetricsService, useValue: metrics },
        { provide: METRICS_TOKEN, useValue: options.metricsToken },
      ],
      exports: [HealthService, MetricsService],
    };
  }
}
