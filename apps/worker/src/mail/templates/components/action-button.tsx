import { Link } from '@react-email/link';

import { Paragraph } from './paragraph';

const style = {
  display: 'inline-block',
  backgroundColor: '#1a1a1a',
  color: '#ffffff',
  borderRadius: '6px',
  padding: '10px 18px',
  fontWeight: 600,
  textDecoration: 'none',
};

/**
 * The mail's one link, as a button in a paragraph of its own. The text part shows its label and
 * then the address, followed by a line break, so the address never runs into punctuation.
 */
export function ActionButton({ href, label }: { href: string; label: string }) {
  return (
    <Paragraph>
      <Link href={href} style={style}>
        {label}
      </Link>
    </Paragraph>
  );
}
