import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';

import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  seq: number;
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  receivedAt: Date;
  /** Every http(s) link found in the text part. */
  links: string[];
}

/** An SMTP reply that refuses a recipient (e.g. 550 permanent, 421/451 try again later). */
export interface SmtpRefusal {
  code: number;
  message?: string;
}

export interface SmtpMailboxOptions {
  /**
   * Fault injection for tests: called for every RCPT TO; a refusal is answered instead of
   * accepting the recipient. Absent (the default), every recipient is accepted.
   */
  refuseRecipient?: (address: string) => SmtpRefusal | null | undefined;
}

/**
 * A real SMTP server that keeps what it receives in memory: the built-in local mailbox when no
 * SMTP_URL is configured, and the capture server of the tests. Keeps the newest `limit` mails.
 */
export class SmtpMailbox extends EventEmitter {
  readonly mails: CapturedMail[] = [];
  /** Recipients refused through `refuseRecipient`, in order. */
  readonly refusals: { address: string; code: number; at: Date }[] = [];
  private server?: SMTPServer;
  private seq = 0;
  private boundPort = 0;

  constructor(
    private readonly limit = 1_000,
    private readonly options: SmtpMailboxOptions = {},
  ) {
    super();
  }

  get port(): number {
    return this.boundPort;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.boundPort}`;
  }

  async start(port = 0, host = '127.0.0.1'): Promise<number> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 10 * 1024 * 1024,
      onRcptTo: (address, _session, callback) => {
        const refusal = this.options.refuseRecipient?.(address.address);
        if (!refusal) return callback();
        this.refusals.push({ address: address.address, code: refusal.code, at: new Date() });
        const error = Object.assign(new Error(refusal.message ?? `Recipient refused (${refusal.code})`), { responseCode: refusal.code });
        callback(error);
      },
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            this.record({
              messageId: parsed.messageId ?? '',
              from: parsed.from?.text ?? '',
              to: (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((a) => a.value.map((v) => v.address ?? '')),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    this.boundPort = (this.server.server.address() as AddressInfo).port;
    return this.boundPort;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  /** Resolves with the first mail (already received or arriving) that matches. */
  waitFor(predicate: (mail: CapturedMail) => boolean, timeoutMs = 10_000): Promise<CapturedMail> {
    const found = this.mails.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onMail = (mail: CapturedMail) => {
        if (!predicate(mail)) return;
        clearTimeout(timer);
        this.off('mail', onMail);
        resolve(mail);
      };
      const timer = setTimeout(() => {
        this.off('mail', onMail);
        reject(new Error(`no matching mail within ${timeoutMs} ms (${this.mails.length} received)`));
      }, timeoutMs);
      this.on('mail', onMail);
    });
  }

  private record(mail: Omit<CapturedMail, 'seq' | 'receivedAt' | 'links'>): void {
    const captured: CapturedMail = {
      ...mail,
      seq: ++this.seq,
      receivedAt: new Date(),
      links: [...new Set(mail.text.match(/https?:\/\/[^\s<>"')]+/g) ?? [])],
    };
    this.mails.push(captured);
    if (this.mails.length > this.limit) this.mails.splice(0, this.mails.length - this.limit);
    this.emit('mail', captured);
  }
}
