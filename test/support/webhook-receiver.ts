import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Date.now() when it arrived. */
  arrivedAt: number;
  /** What the `standardwebhooks` reference verifier made of it: the payload, or why it refused. */
  verified: { ok: true; payload: { type: string; timestamp: string; data: Record<string, unknown> } } | { ok: false; error: string };
}

/**
 * A webhook consumer on loopback: answers each request with the status `answer` picks (by path
 * and how many requests that path had before) and checks every one with the reference verifier
 * for the secret registered for its path.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly secrets = new Map<string, string>();
  private server?: Server;
  baseUrl = '';
  /** How long each answer takes: keeps deliveries in flight for a while. */
  delayMs = 0;

  constructor(private answer: (path: string, previous: number) => number = () => 200) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        const body = Buffer.concat(chunks).toString('utf8');
        const previous = this.at(path).length;
        this.received.push({ path, headers: req.headers, body, arrivedAt: Date.now(), verified: this.verify(path, body, req.headers) });
        const status = this.answer(path, previous);
        setTimeout(() => {
          res.statusCode = status;
          res.end('ok');
        }, this.delayMs);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  answerWith(answer: (path: string, previous: number) => number): void {
    this.answer = answer;
  }

  /** Deliveries to `path` are verified with this secret from now on. */
  register(path: string, secret: string): void {
    this.secrets.set(path, secret);
  }

  at(path: string): ReceivedWebhook[] {
    return this.received.filter((request) => request.path === path);
  }

  private verify(path: string, body: string, headers: IncomingHttpHeaders): ReceivedWebhook['verified'] {
    const secret = this.secrets.get(path);
    if (!secret) return { ok: false, error: 'no secret registered for this path' };
    try {
      const payload = new Webhook(secret).verify(body, {
        'webhook-id': String(headers['webhook-id'] ?? ''),
        'webhook-timestamp': String(headers['webhook-timestamp'] ?? ''),
        'webhook-signature': String(headers['webhook-signature'] ?? ''),
      }) as { type: string; timestamp: string; data: Record<string, unknown> };
      return { ok: true, payload };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  }
}
