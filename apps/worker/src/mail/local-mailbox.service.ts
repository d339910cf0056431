import { CloserConfig } from '@closer/config';
import { SmtpMailbox } from '@closer/mailbox';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';

/** With no SMTP_URL, mail goes to this in-process SMTP server, readable at the worker's /mailbox. */
@Injectable()
export class LocalMailboxService implements OnApplicationShutdown {
  private readonly logger = new Logger('LocalMailbox');
  readonly mailbox = new SmtpMailbox(500);
  private started = false;

  constructor(private readonly config: CloserConfig) {}

  get active(): boolean {
    return this.started;
  }

  async start(): Promise<string> {
    // config already refuses production without SMTP_URL; this keeps the pages that list every
    // link token from ever serving in production, whatever calls this
    if (this.config.isProduction) throw new Error('SMTP_URL is required in production: the local mailbox never runs there');
    if (!this.started) {
      await this.mailbox.start();
      this.started = true;
      this.logger.log(`no SMTP_URL set: mail goes to the built-in local mailbox (${this.mailbox.url})`);
    }
    return this.mailbox.url;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.started) await this.mailbox.stop();
  }
}
