import type { SendMailOptions } from 'nodemailer';

import type { MailContent } from './templates/render-mail';

/** What nodemailer is given for one mail: one place, so that the spam-score test checks what is sent. */
export function mailMessage(from: string, to: string, content: MailContent, messageId: string): SendMailOptions {
  return { from, to, subject: content.subject, text: content.text, html: content.html, messageId };
}
