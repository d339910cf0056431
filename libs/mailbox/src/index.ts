export { renderMailboxPage } from './mailbox-page';
export type { CapturedMail } from './smtp-mailbox';
export { SmtpMailbox } from './smtp-mailbox';
