import { SmtpMailbox } from '@closer/mailbox';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';

/** With no SMTP_URL, mail goes to this in-process SMTP server, readable at the worker's /mailbox. */
@Injectable()
export class LocalMailboxService implements OnApplicationShutdown {
  private readonly logger = new Logger('LocalMailbox');
  readonly mailbox = new SmtpMailbox(500);
  private started = false;

  get active(): boolean {
    return this.started;
  }

  async start(): Promise<string> {
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
