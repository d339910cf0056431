import { Head } from '@react-email/head';
import { Html } from '@react-email/html';
import type { ReactNode } from 'react';

import { Greeting } from './greeting';
import { SignOff, Speaker } from './sign-off';

const body = { backgroundColor: '#ffffff', fontFamily: 'system-ui,sans-serif', color: '#1a1a1a', margin: '0' };
const container = { maxWidth: '600px', padding: '8px 16px' };

interface MailLayoutProps {
  /** Who the mail greets by name. */
  recipientName: string;
  organizationName: string;
  speaks: Speaker;
  children: ReactNode;
}

/**
 * Every mail: the document, the greeting, the body paragraphs and the sign-off. Plain body and
 * div rather than react-email's table-based Body and Container: the mails use only the few tags
 * the hostile-input test allows (test/security/support/security-suite.ts).
 */
export function MailLayout({ recipientName, organizationName, speaks, children }: MailLayoutProps) {
  return (
    <Html lang="en">
      <Head />
      <body style={body}>
        <div style={container}>
          <Greeting name={recipientName} />
          {children}
          <SignOff organizationName={organizationName} speaks={speaks} />
        </div>
      </body>
    </Html>
  );
}
