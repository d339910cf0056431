import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { Controller, Get, Header, Res } from '@nestjs/common';
import type { Response } from 'express';

/** The web app's pages: one static build, client-side routing (SPA fallback). */
@Controller()
export class WebAppController {
  private readonly indexFile = [join(process.cwd(), 'apps/web/dist/index.html'), join(process.cwd(), 'apps/web/public/index.html')].find(
    (file) => existsSync(file),
  );

  @Get(['dashboard', 'f/:token', 'c/:token'])
  @Header('Referrer-Policy', 'no-referrer')
  @Header('Cache-Control', 'no-store')
  page(@Res() res: Response): void {
    if (!this.indexFile) {
      res.status(404).send('The web app is not built');
      return;
    }
    res.sendFile(this.indexFile);
  }
}
