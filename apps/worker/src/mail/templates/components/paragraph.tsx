import { Text } from '@react-email/text';
import type { ReactNode } from 'react';

const style = { fontSize: '16px', lineHeight: '1.5', marginTop: '0', marginBottom: '16px' };

/** One paragraph of a mail: a block in the HTML, separated by a blank line in the text part. */
export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={style}>{children}</Text>;
}
