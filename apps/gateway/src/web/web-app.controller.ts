import { existsSync } from 'node:fs';

import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';

import { WEB_DASHBOARD, WEB_INDEX } from './web-app.files';

/** The web app's pages: one static build, client-side routing (SPA fallback). */
@Controller()
export class WebAppController {
  // every dashboard place has its own address (/dashboard/sessions/<id>, …): one page serves them all
  @Get(['dashboard', 'dashboard/*path'])
  dashboard(@Res() res: Response): void {
    send(res, WEB_DASHBOARD);
  }

  @Get(['f/:token', 'c/:token'])
  link(@Res() res: Response): void {
    send(res, WEB_INDEX);
  }
}

function send(res: Response, page: string): void {
  // pages carry link tokens in their address: never leak it, never keep a copy
  res.set({ 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' });
  // looked up per request: a build made while the gateway runs is served without a restart
  if (!existsSync(page)) {
    res.status(404).type('text/plain').send('The web app is not built: run `npm run build:web`.');
    return;
  }
  res.sendFile(page);
}
