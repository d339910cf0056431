import { existsSync } from 'node:fs';
import { join } from 'node:path';

import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Where `npm run build:web` puts the web app (apps start from the repository root). */
export const WEB_DIST = join(process.cwd(), 'apps/web/dist');
/** The emailed links' page (/f/<token>, /c/<token>). */
export const WEB_INDEX = join(WEB_DIST, 'index.html');
/** The recruiter's dashboard, a page of its own: it loads none of the links' code, they none of its. */
export const WEB_DASHBOARD = join(WEB_DIST, 'dashboard.html');
const WEB_ASSETS = join(WEB_DIST, 'assets');

const IMMUTABLE = 'public, max-age=31536000, immutable';
const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };
// the build's files sit flat in assets/: a plain name, nothing that could climb out of it
const ASSET_NAME = /^\/([\w-]+\.(js|css))$/;

/**
 * The build's hashed files under /assets: a file's name changes with its content, so browsers
 * may keep each one for a year. Scripts and stylesheets go out gzipped when the browser accepts
 * it (the build writes a .gz beside each). Registered after helmet: the same security headers.
 */
export function serveWebAssets(app: NestExpressApplication): void {
  app.use('/assets', (req: Request, res: Response, next: NextFunction) => {
    const name = ASSET_NAME.exec(req.path);
    if (!name || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    res.vary('Accept-Encoding');
    const gzipped = join(WEB_ASSETS, `${name[1]}.gz`);
    if (!/\bgzip\b/.test(req.headers['accept-encoding'] ?? '') || !existsSync(gzipped)) return next();
    res.set({ 'Content-Encoding': 'gzip', 'Content-Type': TYPES[name[2]], 'Cache-Control': IMMUTABLE });
    res.sendFile(gzipped, (error) => {
      if (error && !res.headersSent) next(error);
    });
  });
  app.useStaticAssets(WEB_ASSETS, {
    prefix: '/assets/',
    index: false,
    immutable: true,
    maxAge: '365d',
    dotfiles: 'ignore',
    redirect: false,
  });
}
