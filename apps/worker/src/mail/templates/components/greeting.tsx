import { Paragraph } from './paragraph';

export function Greeting({ name }: { name: string }) {
  return <Paragraph>Hello {name},</Paragraph>;
}
