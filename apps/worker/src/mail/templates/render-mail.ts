import { convert, HtmlToTextOptions } from 'html-to-text';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

const DOCTYPE = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

// react-email's plain-text settings (links as "label address", no line wrapping), with list items
// as "- item" as a hand-written mail has them
const TEXT: HtmlToTextOptions = {
  wordwrap: false,
  selectors: [
    { selector: 'img', format: 'skip' },
    { selector: 'a', options: { linkBrackets: false, hideLinkHrefIfSameAsText: true } },
    { selector: 'ul', options: { itemPrefix: '- ' } },
  ],
};

/**
 * The HTML and plain-text parts of a mail, both from one React element; React escapes every
 * value. The components never suspend, so React's synchronous renderer serves and the templates
 * stay plain functions (@react-email/render is async only, and loads prettier at start-up).
 */
export function renderMail(subject: string, mail: ReactElement): MailContent {
  const html = DOCTYPE + renderToStaticMarkup(mail);
  return { subject, html, text: convert(html, TEXT) };
}
