import { Button } from '@react-email/button';
import { Section } from '@react-email/section';

const style = {
  backgroundColor: '#1a1a1a',
  color: '#ffffff',
  borderRadius: '6px',
  padding: '10px 18px',
  fontSize: '16px',
  fontWeight: 600,
};

/**
 * The mail's one link, as a button on its own line. The text part shows its label and then the
 * address, followed by a line break, so the address never runs into punctuation.
 */
export function ActionButton({ href, label }: { href: string; label: string }) {
  return (
    <Section style={{ margin: '0 0 16px' }}>
      <Button href={href} style={style}>
        {label}
      </Button>
    </Section>
  );
}
