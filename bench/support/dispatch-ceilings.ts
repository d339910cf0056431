// bench:dispatch's ceilings: what a bare SMTP client and a bare BullMQ worker reach on this
// machine, into the same sink and through the same Redis, to set the dispatch rate against.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';

import { bullConnection, RedisSettings, releaseBullConnection } from '@closer/queue';
import { Queue, Worker } from 'bullmq';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';

/** An SMTP server that accepts and counts, doing as little as possible per mail. */
export async function startSink(): Promise<{
  url: string;
  count: () => number;
  waitFor: (n: number, timeoutMs: number) => Promise<void>;
  stop: () => Promise<void>;
}> {
  let accepted = 0;
  const waiters: { n: number; resolve: () => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('end', () => {
        accepted++;
        for (const waiter of waiters.filter((w) => accepted >= w.n)) waiter.resolve();
        callback();
      });
      stream.resume();
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    count: () => accepted,
    waitFor: (n, timeoutMs) =>
      accepted >= n
        ? Promise.resolve()
        : new Promise((resolve, reject) => {
            const timer = setTimeout(
              () => reject(new Error(`sink accepted ${accepted} of ${n} mails within ${timeoutMs / 1000} s`)),
              timeoutMs,
            );
            waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
          }),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Mail ceiling: a pooled nodemailer with `poolSize` connections, as the worker configures it, sending `count` small mails. */
export async function mailCeiling(smtpUrl: string, count: number, poolSize: number): Promise<{ rate: number; cpuMsPerMail: number }> {
  const url = new URL(smtpUrl);
  const transport = createTransport({ host: url.hostname, port: Number(url.port), pool: true, maxConnections: poolSize });
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  let next = 0;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (next < count) {
        const i = next++;
        await transport.sendMail({
          from: 'Closer <no-reply@closer.local>',
          to: `interviewer-${i}@bench.test`,
          subject: 'Your feedback on a candidate — a few minutes',
          text: `Hello,\n\nPlease answer: http://localhost:3000/f/${'x'.repeat(70)}\n`,
          html: `<p>Hello,</p><p><a href="http://localhost:3000/f/${'x'.repeat(70)}">Open your feedback form</a></p>`,
          messageId: `<ceiling-${i}@closer.local>`,
        });
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // client and sink share this process: what one mail costs end to end, to set against the dispatch's CPU per form
  const cpu = process.cpuUsage(cpuBefore);
  transport.close();
  return { rate: count / seconds, cpuMsPerMail: (cpu.user + cpu.system) / 1000 / count };
}

/** A queue prefix of its own, in a hash tag on a cluster. */
export const prefixFor = (redis: RedisSettings, name: string) => (redis.mode === 'cluster' ? `{${name}}` : name);

/** Queue ceiling: no-op jobs through the same Redis, one worker with concurrency 50. */
export async function queueCeiling(redis: RedisSettings, count: number): Promise<number> {
  const prefix = prefixFor(redis, `bench-noop-${Date.now()}`);
  const connections = [bullConnection(redis, 'producer'), bullConnection(redis, 'worker')] as const;
  const queue = new Queue('noop', { connection: connections[0], prefix });
  let done = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const worker = new Worker('noop', async () => undefined, { connection: connections[1], prefix, concurrency: 50 });
  worker.on('completed', () => {
    if (++done === count) finish();
  });
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i += 500) {
    await queue.addBulk(
      Array.from({ length: Math.min(500, count - i) }, (_, j) => ({ name: 'noop', data: { i: i + j }, opts: { removeOnComplete: true } })),
    );
  }
  await finished;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  for (const connection of connections) releaseBullConnection(connection);
  return count / seconds;
}
