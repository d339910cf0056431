import { Controller, Get, Header, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';

import { HealthService } from './health.service';
import { MetricsService } from './metrics.service';
import { metricsAuthorized } from './metrics-access';
import { answerProbe, PROBES } from './probes';

export const METRICS_TOKEN = Symbol('METRICS_TOKEN');

@Controller()
export class OpsController {
  constructor(
    private readonly health: HealthService,
    private readonly metrics: MetricsService,
    @Inject(METRICS_TOKEN) private readonly metricsToken: string | undefined,
  ) {}

  @Get(['health', 'health/ready', 'health/live'])
  @Header('Cache-Control', 'no-store')
  async getHealth(@Req() req: Request, @Res() res: Response): Promise<void> {
    const answer = await answerProbe(PROBES.get(req.path) ?? 'ready', this.health);
    res.status(answer.status).json(answer.body);
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
