import { Paragraph } from './paragraph';

/**
 * Who the mail speaks for: the hiring team's own mails are "for" the organization; mails to
 * candidates and interviewers are sent "on behalf of" it.
 */
export type Speaker = 'for' | 'on behalf of';

export function SignOff({ organizationName, speaks }: { organizationName: string; speaks: Speaker }) {
  return (
    <Paragraph>
      — Closer, {speaks} {organizationName}
    </Paragraph>
  );
}
