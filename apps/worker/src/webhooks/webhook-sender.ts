import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

import { type AddressLookup, resolveWebhookAddress, WebhookAddressError, type WebhookUrlRules } from '@closer/domain';

/** One attempt may take this long, connection to last byte. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** What is read of a receiver's answer at most; the rest is not waited for. */
export const WEBHOOK_RESPONSE_LIMIT = 64 * 1024;

export type SendOutcome =
  | { kind: 'answered'; statusCode: number }
  /** Nothing answered (refused, reset, timed out, no such host): worth retrying. */
  | { kind: 'unreachable'; error: string }
  /** The URL may not be reached from here (SSRF guard): no retry helps. */
  | { kind: 'refused'; error: string };

const systemLookup: AddressLookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * POSTs one signed body. The host is resolved once and checked; the connection goes to that very
 * address (TLS still verifies the certificate for the host name), so a second, different DNS
 * answer (rebinding) is never used. Redirects are not followed.
 */
export async function sendWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  rules: WebhookUrlRules,
  lookup: AddressLookup = systemLookup,
): Promise<SendOutcome> {
  let target: { address: string; family: 4 | 6 };
  try {
    target = await resolveWebhookAddress(url, rules, lookup);
  } catch (error) {
    if (error instanceof WebhookAddressError) return { kind: 'refused', error: error.message };
    return { kind: 'unreachable', error: `dns: ${(error as NodeJS.ErrnoException).code ?? 'lookup failed'}` };
  }
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [target]);
    else callback(null, target.address, target.family);
  };
  const parsed = new URL(url);
  const client = parsed.protocol === 'https:' ? https : http;
  return new Promise<SendOutcome>((resolve) => {
    const request = client.request(
      parsed,
      {
        method: 'POST',
        lookup: pinned,
        agent: false,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'Closer-Webhooks/1',
        },
      },
      (response) => {
        const statusCode = response.statusCode ?? 0;
        let read = 0;
        const done = () => {
          response.destroy();
          resolve({ kind: 'answered', statusCode });
        };
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read >= WEBHOOK_RESPONSE_LIMIT) done();
        });
        response.on('end', done);
        response.on('error', done);
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      const reason = error.name === 'AbortError' || error.name === 'TimeoutError' ? 'timeout' : (error.code ?? 'connection failed');
      resolve({ kind: 'unreachable', error: reason });
    });
    request.end(body);
  });
}
