export { renderMailboxPage } from './mailbox-page';
export type { CapturedMail, SmtpMailboxOptions, SmtpRefusal } from './smtp-mailbox';
export { SmtpMailbox } from './smtp-mailbox';
