import { Controller, Get, Header, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';

import { HealthService } from './health.service';
import { MetricsService } from './metrics.service';
import { metricsAuthorized } from './metrics-access';

export const METRICS_TOKEN = Symbol('METRICS_TOKEN');

@Controller()
export class OpsController {
  constructor(
    private readonly health: HealthService,
    private readonly metrics: MetricsService,
    @Inject(METRICS_TOKEN) private readonly metricsToken: string | undefined,
  ) {}

  @Get('health')
  @Header('Cache-Control', 'no-store')
  async getHealth(@Res() res: Response): Promise<void> {
    const report = await this.health.report();
    res.status(report.status === 'ok' ? 200 : 503).json(report);
  }

  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  async getMetrics(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!metricsAuthorized(req.headers.authorization, this.metricsToken)) {
      res.status(401).set('WWW-Authenticate', 'Bearer').type('text/plain').send('Unauthorized');
      return;
    }
    res.type(this.metrics.contentType).send(await this.metrics.render());
  }
}
