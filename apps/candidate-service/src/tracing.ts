// main.ts imports this first: tracing (when configured) must patch http, express, graphql, pg,
// ioredis and pino before anything else loads them.
import { loadConfigOrExit } from '@closer/config';
import { startTracing } from '@closer/telemetry';

startTracing(loadConfigOrExit().tracing, 'closer-candidate-service');
