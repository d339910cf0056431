import { Body } from '@react-email/body';
import { Container } from '@react-email/container';
import { Head } from '@react-email/head';
import { Html } from '@react-email/html';
import type { ReactNode } from 'react';

import { Greeting } from './greeting';
import { SignOff, Speaker } from './sign-off';

const body = { backgroundColor: '#ffffff', fontFamily: 'system-ui,sans-serif', color: '#1a1a1a' };
const container = { maxWidth: '600px', padding: '8px 16px' };

interface MailLayoutProps {
  /** Who the mail greets by name. */
  recipientName: string;
  organizationName: string;
  speaks: Speaker;
  children: ReactNode;
}

/** Every mail: the document, the greeting, the body paragraphs and the sign-off. */
export function MailLayout({ recipientName, organizationName, speaks, children }: MailLayoutProps) {
  return (
    <Html lang="en">
      <Head />
      <Body style={body}>
        <Container style={container}>
          <Greeting name={recipientName} />
          {children}
          <SignOff organizationName={organizationName} speaks={speaks} />
        </Container>
      </Body>
    </Html>
  );
}
