import { CloserConfig } from '@closer/config';
import { createLinkToken } from '@closer/domain';
import { Injectable } from '@nestjs/common';

import { SessionSettlement } from '../feedback/session-settlement.service';
import { RecordSent } from './email-delivery';
import { MailSender, OutgoingMail, PermanentMailError, SendOutcome } from './mail-sender.service';

/**
 * Sends the mails about a feedback form to its interviewer. A permanent refusal marks the form
 * FAILED with the reason (and composes the answer if that was the last open form).
 */
@Injectable()
export class FormMailSender {
  constructor(
    private readonly mail: MailSender,
    private readonly settlement: SessionSettlement,
    private readonly config: CloserConfig,
  ) {}

  /** The link of this form's link version, that the mail carries. */
  link(formId: string, linkVersion: number): string {
    const token = createLinkToken(this.config.links.secret, { purpose: 'form', id: formId, version: linkVersion });
    return `${this.config.publicUrl}/f/${token}`;
  }

  async send(formId: string, linkVersion: number, mail: OutgoingMail, recordSent?: RecordSent): Promise<SendOutcome> {
    try {
      return await this.mail.send(mail, recordSent);
    } catch (error) {
      if (error instanceof PermanentMailError) await this.settlement.markFormFailed(formId, linkVersion, error.message);
      throw error;
    }
  }
}
