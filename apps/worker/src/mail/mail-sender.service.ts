import { createHash } from 'node:crypto';

import { CloserConfig } from '@closer/config';
import { preparedQuery } from '@closer/database';
import { MetricsService } from '@closer/observability';
import { withSpan } from '@closer/telemetry';
import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SpanKind } from '@opentelemetry/api';
import { createTransport, Transporter } from 'nodemailer';
import { Counter } from 'prom-client';
import { DataSource, EntityManager } from 'typeorm';

import { PermanentJobError } from '../queue/permanent-job.error';
import { DeliveryRecord, deliveryValues, insertDelivery, RecordSent } from './email-delivery';
import { LocalMailboxService } from './local-mailbox.service';
import { MailLock } from './mail-lock.service';
import { mailMessage } from './mail-message';

const RECORD_DELIVERY = { name: 'mail.record-delivery', text: insertDelivery(1) };

export interface OutgoingMail {
  organizationId: string;
  /** e.g. `portal-invite:<candidateId>:<linkVersion>`: one mail per key, ever. */
  idempotencyKey: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The candidate the mail is addressed to, when it is: once they are erased, nothing is sent nor their address kept. */
  candidateId?: string;
}

/** candidate-gone: the candidate the mail is addressed to was erased after the job read them. */
export type SendOutcome = 'sent' | 'already-sent' | 'candidate-gone';

/**
 * A refusal no retry can fix (SMTP 5xx): recorded as FAILED, never retried. SMTP replies quote
 * addresses, so the job keeps only that it was refused; the full reply is in
 * email_deliveries.error, which erasure clears.
 */
export class PermanentMailError extends PermanentJobError {
  constructor(message: string) {
    super(message, 'permanent SMTP refusal (the reply is recorded in email_deliveries)');
    this.name = 'PermanentMailError';
  }
}

@Injectable()
export class MailSender implements OnModuleInit, OnApplicationShutdown {
  private transport?: Transporter;
  private readonly sent: Counter;
  private readonly domain: string;

  constructor(
    private readonly config: CloserConfig,
    private readonly localMailbox: LocalMailboxService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lock: MailLock,
    metrics: MetricsService,
  ) {
    this.sent = new Counter({
      name: 'closer_mails_total',
      help: 'Mails by outcome',
      labelNames: ['kind', 'outcome'],
      registers: [metrics.registry],
    });
    this.domain = /@([^>\s]+)>?\s*$/.exec(config.mail.from)?.[1] ?? 'closer.local';
  }

  async onModuleInit(): Promise<void> {
    const url = new URL(this.config.mail.smtpUrl ?? (await this.localMailbox.start()));
    this.transport = createTransport({
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 25)),
      secure: url.protocol === 'smtps:',
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      pool: true,
      maxConnections: this.config.mail.poolSize,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.transport?.close();
  }

  /** The Message-ID derives from the key, so a crash-window repeat can be de-duplicated by the receiver. */
  messageIdFor(idempotencyKey: string): string {
    return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}@${this.domain}>`;
  }

  /**
   * Sends once per idempotency key: a recorded delivery makes a retry a no-op, and a per-key lock
   * keeps two jobs with the same key from both sending. Transient failures throw (the job
   * retries); a 5xx is recorded as FAILED and thrown as permanent. `recordSent`, when given,
   * records a sent mail's delivery row in place of the plain INSERT (only when this call sent it).
   */
  send(mail: OutgoingMail, recordSent?: RecordSent): Promise<SendOutcome> {
    return this.lock.withLock(mail.idempotencyKey, () => this.sendOnce(mail, recordSent));
  }

  private async sendOnce(mail: OutgoingMail, recordSent?: RecordSent): Promise<SendOutcome> {
    const existing = await preparedQuery<{ status: string; error: string | null }>(
      this.dataSource.manager,
      { name: 'mail.delivery', text: 'SELECT status, error FROM email_deliveries WHERE idempotency_key = $1' },
      [mail.idempotencyKey],
    );
    if (existing[0]?.status === 'SENT') return 'already-sent';
    if (existing[0]?.status === 'FAILED') throw new PermanentMailError(existing[0].error ?? 'delivery failed');

    const candidateId = mail.candidateId;
    const result = candidateId
      ? // the share lock on the candidate's row holds an erasure back until this mail is sent and
        // recorded (at most the SMTP timeouts): the mail goes out before the erasure commits, or never
        await this.dataSource.transaction(async (manager) =>
          (await this.erased(candidateId, manager)) ? ('candidate-gone' as const) : this.deliver(mail, manager, recordSent),
        )
      : await this.deliver(mail, this.dataSource.manager, recordSent);
    // thrown once the refusal is recorded (and committed): the job must not retry it
    if (result instanceof PermanentMailError) throw result;
    return result;
  }

  /** Sends and records the outcome through `manager`; a permanent refusal is returned, a transient failure thrown. */
  private async deliver(mail: OutgoingMail, manager: EntityManager, recordSent?: RecordSent): Promise<'sent' | PermanentMailError> {
    const messageId = this.messageIdFor(mail.idempotencyKey);
    try {
      // the span names the mail by its Message-ID and kind only: never an address, a subject or a link
      await withSpan(
        'smtp send',
        { kind: SpanKind.CLIENT, attributes: { 'messaging.message.id': messageId, 'closer.mail.kind': mail.kind } },
        () => this.transport!.sendMail(mailMessage(this.config.mail.from, mail.to, mail, messageId)),
      );
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      if (code !== undefined && code >= 500) {
        const reason = `SMTP ${code}: ${(error as Error).message}`.slice(0, 500);
        await this.record(manager, this.delivery(mail, messageId, 'FAILED', reason));
        this.sent.inc({ kind: mail.kind, outcome: 'failed' });
        return new PermanentMailError(reason);
      }
      this.sent.inc({ kind: mail.kind, outcome: 'retry' });
      // the job's error is kept in Redis, where a quoted address must not go: only the reply code
      throw typeof code === 'number' ? new Error(`SMTP ${code}: transient failure`) : error;
    }
    const sent = this.delivery(mail, messageId, 'SENT', null);
    await (recordSent ? recordSent(sent, manager) : this.record(manager, sent));
    this.sent.inc({ kind: mail.kind, outcome: 'sent' });
    return 'sent';
  }

  private delivery(mail: OutgoingMail, messageId: string, status: 'SENT' | 'FAILED', error: string | null): DeliveryRecord {
    const { organizationId, idempotencyKey, kind, to: recipient } = mail;
    return { organizationId, idempotencyKey, kind, recipient, messageId, status, error };
  }

  private async record(manager: EntityManager, delivery: DeliveryRecord): Promise<void> {
    await preparedQuery(manager, RECORD_DELIVERY, deliveryValues(delivery));
  }

  /**
   * Whether the candidate is erased (or gone). An erasure holds their row until it commits, so
   * this waits for one in progress and sees its outcome; in a transaction, the share lock keeps
   * an erasure from starting until the caller commits (and so from missing what it wrote).
   */
  private async erased(candidateId: string, manager: EntityManager): Promise<boolean> {
    const [candidate] = await manager.query<{ erased: boolean }[]>(
      'SELECT erased_at IS NOT NULL AS erased FROM candidates WHERE id = $1 FOR SHARE',
      [candidateId],
    );
    return !candidate || candidate.erased;
  }
}
