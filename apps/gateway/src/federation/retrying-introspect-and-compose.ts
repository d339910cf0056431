import { composeServices } from '@apollo/composition';
import { IntrospectAndCompose, ServiceEndpointDefinition } from '@apollo/gateway';
import { Logger } from '@nestjs/common';
import { parse } from 'graphql';

type InitializeOptions = Parameters<IntrospectAndCompose['initialize']>[0];
type InitializeResult = Awaited<ReturnType<IntrospectAndCompose['initialize']>>;

/** IntrospectAndCompose internals this class drives (not in its public typings). */
interface Internals {
  updateSupergraphSdl(): Promise<string | null>;
  beginPolling(): void;
  update?: (supergraphSdl: string) => void;
  state: { phase: string; pollingPromise?: Promise<void> };
  timerRef: NodeJS.Timeout | null;
}

const STARTING_SCHEMA = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@shareable"])
  type Query {
    "The gateway is waiting for its subgraphs; every other field appears once they answer."
    _closerStarting: Boolean @shareable
  }
`);

/**
 * IntrospectAndCompose gives up when a subgraph is not up yet, and the gateway exits with it.
 * Instead, start with a placeholder supergraph (so the gateway listens and /health can say 503),
 * keep trying every second, swap in the real supergraph as soon as it composes, then poll for
 * changes so a restarted or redeployed subgraph is picked up without restarting the gateway.
 */
export class RetryingIntrospectAndCompose extends IntrospectAndCompose {
  private readonly logger = new Logger('Federation');
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  composed = false;

  constructor(private readonly options: { subgraphs: ServiceEndpointDefinition[]; pollIntervalInMs: number; retryIntervalInMs?: number }) {
    super(options);
  }

  override async initialize(options: InitializeOptions): Promise<InitializeResult> {
    try {
      const result = await super.initialize(options);
      this.markComposed();
      return result;
    } catch (error) {
      this.logger.warn(`subgraphs not ready: ${(error as Error).message}; serving a placeholder schema and retrying`);
    }
    void this.retryUntilComposed();
    return {
      supergraphSdl: this.placeholderSupergraph(),
      // stops the retries and, once composed late, the polling they began (as IntrospectAndCompose's own cleanup does)
      cleanup: async () => {
        this.stopped = true;
        clearTimeout(this.retryTimer);
        const internals = this as unknown as Internals;
        if (internals.state.phase === 'polling') await internals.state.pollingPromise;
        internals.state = { phase: 'stopped' };
        if (internals.timerRef) clearTimeout(internals.timerRef);
        internals.timerRef = null;
      },
    };
  }

  private async retryUntilComposed(): Promise<void> {
    const internals = this as unknown as Internals;
    while (!this.stopped && !this.composed) {
      await new Promise((resolve) => {
        this.retryTimer = setTimeout(resolve, this.options.retryIntervalInMs ?? 1_000);
      });
      if (this.stopped) return;
      try {
        const supergraphSdl = await internals.updateSupergraphSdl();
        if (supergraphSdl && !this.stopped) {
          internals.update?.(supergraphSdl);
          this.markComposed();
          internals.beginPolling();
        }
      } catch {
        // still down; the next attempt follows shortly
      }
    }
  }

  private markComposed(): void {
    this.composed = true;
    this.logger.log('supergraph composed');
  }

  private placeholderSupergraph(): string {
    const result = composeServices(
      this.options.subgraphs.map((subgraph) => ({ name: subgraph.name, url: subgraph.url, typeDefs: STARTING_SCHEMA })),
    );
    if (result.errors) throw result.errors[0]!;
    return result.supergraphSdl;
  }
}
