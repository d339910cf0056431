import type { NextFunction, Request, Response } from 'express';

const WEB_FONTS = /<link\b[^>]*\bfonts\.googleapis\.com[^>]*>\s*/gi;

/**
 * bull-board's page links a Google Fonts stylesheet: our CSP refuses it (nothing loads from
 * outside), leaving a blocked request on every visit. The page is rendered without the link and
 * falls back to its own system font stack.
 */
export function withoutWebFonts(_req: Request, res: Response, next: NextFunction): void {
  const render = res.render.bind(res);
  res.render = (view: string, options?: object) =>
    render(view, options ?? {}, (error: Error | null, html?: string) => {
      if (error) return next(error);
      res.send((html ?? '').replace(WEB_FONTS, ''));
    });
  next();
}
