export { renderMailboxPage } from './mailbox-page';
export { SmtpMailbox } from './smtp-mailbox';
export type { CapturedMail } from './smtp-mailbox';
