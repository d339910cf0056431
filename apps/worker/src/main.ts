import './tracing';
import 'reflect-metadata';

import { loadConfigOrExit } from '@closer/config';
import { stopTracing } from '@closer/telemetry';

import { startWorker } from './worker.app';

async function bootstrap(): Promise<void> {
  const worker = await startWorker(loadConfigOrExit());
  const shutdown = async (): Promise<void> => {
    await worker.close();
    await stopTracing();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

bootstrap().catch((error: unknown) => {
  console.error(`The worker could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
