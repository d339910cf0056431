import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { type CapturedMail, renderMailboxPage } from '@closer/mailbox';
import { answerProbe, HealthService, metricsAuthorized, MetricsService, PROBES } from '@closer/observability';

/** The in-process mailbox the worker sends to when no SMTP server is set (inactive otherwise). */
export interface LocalMailbox {
  readonly active: boolean;
  readonly mailbox: { readonly mails: readonly CapturedMail[] };
}

/** The worker has no API: a small listener serves /health (and /health/live, /health/ready), /metrics and the local mailbox page. */
export async function startOpsServer(
  port: number,
  deps: { health: HealthService; metrics: MetricsService; mailbox: LocalMailbox; metricsToken?: string },
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const reply = async (): Promise<void> => {
      if (req.method !== 'GET') {
        res.writeHead(405).end();
      } else if (PROBES.has(path)) {
        const answer = await answerProbe(PROBES.get(path)!, deps.health);
        res.writeHead(answer.status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(answer.body));
      } else if (path === '/metrics' && !metricsAuthorized(req.headers.authorization, deps.metricsToken)) {
        res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer', 'cache-control': 'no-store' }).end('Unauthorized');
      } else if (path === '/metrics') {
        res.writeHead(200, { 'content-type': deps.metrics.contentType, 'cache-control': 'no-store' }).end(await deps.metrics.render());
      } else if (path === '/mailbox' && deps.mailbox.active) {
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'referrer-policy': 'no-referrer',
          'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
          'cache-control': 'no-store',
        });
        res.end(renderMailboxPage(deps.mailbox.mailbox.mails));
      } else if (path === '/mailbox.json' && deps.mailbox.active) {
        res
          .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
          .end(JSON.stringify(deps.mailbox.mailbox.mails));
      } else {
        res.writeHead(404).end();
      }
    };
    reply().catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}
