import type { NodeSDK } from '@opentelemetry/sdk-node';

let sdk: NodeSDK | undefined;

/**
 * Starts OpenTelemetry for this process when `settings.enabled` (an OTLP endpoint is configured),
 * and does nothing at all otherwise: no SDK, nothing patched, no package loaded. Must run before
 * the modules it instruments (http, express, graphql, pg, ioredis, pino) are first required: each
 * app's main.ts imports its tracing file first.
 */
export function startTracing(settings: { enabled: boolean; serviceName?: string }, defaultServiceName: string): boolean {
  if (!settings.enabled || sdk) return Boolean(sdk);
  // required here rather than imported at the top: with tracing off the SDK is never loaded
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startSdk } = require('./tracing-sdk') as typeof import('./tracing-sdk');
  sdk = startSdk(settings.serviceName ?? defaultServiceName);
  return true;
}

export function tracingStarted(): boolean {
  return sdk !== undefined;
}

/** Exports what is still buffered; for a process about to exit on its own. */
export async function stopTracing(): Promise<void> {
  await sdk?.shutdown().catch(() => undefined);
  sdk = undefined;
}
