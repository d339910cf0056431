export { bodyErrorHandler } from './body-errors';
export type { HealthCheck, HealthDetail, HealthOptions, HealthReport } from './health.service';
export { HealthService } from './health.service';
export { pinoParams, redactUrl } from './logging';
export { MetricsService } from './metrics.service';
export { metricsAuthorized } from './metrics-access';
export { ObservabilityModule } from './observability.module';
export { OpsController } from './ops.controller';
