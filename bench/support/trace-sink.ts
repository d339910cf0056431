import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * `BENCH_TRACING=on`: an OTLP/HTTP endpoint on loopback for the apps under load to export their
 * traces to. It reads each export whole and answers as a collector does, so the apps pay for
 * tracing exactly what they would with a real collector nearby, and counts the spans' bytes.
 */
export async function startTraceSink(): Promise<{
  env: Record<string, string>;
  exports: () => number;
  bytes: () => number;
  stop(): Promise<void>;
}> {
  let exports = 0;
  let bytes = 0;
  const server: Server = createServer((req, res) => {
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => {
      exports++;
      res.writeHead(200, { 'content-type': req.headers['content-type'] ?? 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    // the SDK's defaults otherwise: http/protobuf, every trace sampled, batches every 5 s
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint },
    exports: () => exports,
    bytes: () => bytes,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
