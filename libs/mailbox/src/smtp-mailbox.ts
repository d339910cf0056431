import { EventEmitter } from 'node:events';
import type { AddressInfo, Socket } from 'node:net';

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
  /**
   * Fault injection for tests: called once a message has been received whole. True keeps the
   * message (it is in `mails`) and drops the connection instead of answering 250 — the lost
   * reply after DATA, after which a sender retries and the receiver holds two copies.
   */
  dropAfterData?: (mail: CapturedMail) => boolean;
  /** Fault injection for tests: waits this long (ms) before answering a received message. */
  replyDelayMs?: (mail: Omit<CapturedMail, 'seq' | 'receivedAt' | 'links'>) => number;
}

/**
 * A real SMTP server that keeps what it receives in memory: the built-in local mailbox when no
 * SMTP_URL is configured, and the capture server of the tests. Keeps the newest `limit` mails.
 */
export class SmtpMailbox extends EventEmitter {
  readonly mails: CapturedMail[] = [];
  /** Recipients refused through `refuseRecipient`, in order. */
  readonly refusals: { address: string; code: number; at: Date }[] = [];
  /** Messages kept whose connection was dropped through `dropAfterData`, in order. */
  readonly dropped: { messageId: string; to: string[]; at: Date }[] = [];
  /** Connection errors (e.g. a client reset mid-transaction), kept instead of crashing the process. */
  readonly connectionErrors: { message: string; code?: string; at: Date }[] = [];
  private server?: SMTPServer;
  private readonly sockets = new Map<number, Socket>();
  private unanswered = 0;
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

  /** Messages received whole and not answered yet (only ever non-zero with `replyDelayMs`). */
  get pendingReplies(): number {
    return this.unanswered;
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
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then(async (parsed) => {
            const mail = {
              messageId: parsed.messageId ?? '',
              from: parsed.from?.text ?? '',
              to: (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((a) => a.value.map((v) => v.address ?? '')),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
            };
            const delay = this.options.replyDelayMs?.(mail) ?? 0;
            if (delay > 0) {
              this.unanswered++;
              await new Promise((resolve) => setTimeout(resolve, delay));
              this.unanswered--;
            }
            const captured = this.record(mail);
            if (this.options.dropAfterData?.(captured)) {
              this.dropped.push({ messageId: captured.messageId, to: captured.to, at: new Date() });
              this.sockets.get(session.remotePort)?.destroy();
              return;
            }
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    // smtp-server emits 'error' for a client that resets its connection mid-transaction (a sender
    // killed while sending); unheard, that event would crash whatever process hosts the mailbox
    this.server.on('error', (error: Error & { code?: string }) => {
      this.connectionErrors.push({ message: error.message, code: error.code, at: new Date() });
      if (this.connectionErrors.length > 1_000) this.connectionErrors.splice(0, this.connectionErrors.length - 1_000);
    });
    if (this.options.dropAfterData) {
      // the socket of a session, by the client's port, to drop it without a reply
      this.server.server.on('connection', (socket: Socket) => {
        const remotePort = socket.remotePort;
        if (remotePort === undefined) return;
        this.sockets.set(remotePort, socket);
        socket.once('close', () => this.sockets.delete(remotePort));
      });
    }
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

  private record(mail: Omit<CapturedMail, 'seq' | 'receivedAt' | 'links'>): CapturedMail {
    const captured: CapturedMail = {
      ...mail,
      seq: ++this.seq,
      receivedAt: new Date(),
      links: [...new Set(mail.text.match(/https?:\/\/[^\s<>"')]+/g) ?? [])],
    };
    this.mails.push(captured);
    if (this.mails.length > this.limit) this.mails.splice(0, this.mails.length - this.limit);
    this.emit('mail', captured);
    return captured;
  }
}
