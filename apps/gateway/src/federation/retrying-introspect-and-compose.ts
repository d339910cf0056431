import { IntrospectAndCompose } from '@apollo/gateway';
import { Logger } from '@nestjs/common';

type InitializeOptions = Parameters<IntrospectAndCompose['initialize']>[0];
type InitializeResult = Awaited<ReturnType<IntrospectAndCompose['initialize']>>;

/**
 * IntrospectAndCompose gives up when a subgraph is not up yet, and the gateway exits with it.
 * Retry instead, with a capped backoff; polling then picks up restarted or changed subgraphs.
 */
export class RetryingIntrospectAndCompose extends IntrospectAndCompose {
  private readonly logger = new Logger('Federation');
  composed = false;

  override async initialize(options: InitializeOptions): Promise<InitializeResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await super.initialize(options);
        this.composed = true;
        this.logger.log('supergraph composed');
        return result;
      } catch (error) {
        const delay = Math.min(250 * 2 ** Math.min(attempt, 5), 5_000);
        this.logger.warn(`subgraph not ready (attempt ${attempt}): ${(error as Error).message}; retrying in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}
