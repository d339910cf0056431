// bench:gateway's variants: which gateway engine fronts which subgraph executor, and the paths measured.
import type { ChildApp } from './apps';

export type Executor = 'graphql-js' | 'jit';
/**
 * A gateway to measure: `<engine>[-uncached]/<executor>`. Engine `apollo` is the gateway as
 * production runs it, `hive` the same app with @graphql-hive/gateway-runtime answering /graphql
 * (support/hive-gateway.ts, from sources); `-uncached` sends every request as a new document; the
 * executor is the subgraph's (GRAPHQL_EXECUTOR). Each subgraph executor is also measured directly.
 */
export interface Variant {
  name: string;
  engine: 'apollo' | 'hive';
  uncached: boolean;
  executor: Executor;
}
export const DEFAULT_VARIANTS = 'apollo/graphql-js';
export interface Path {
  name: string;
  direct: boolean;
  executor: Executor;
  url: string;
  gateway?: ChildApp;
  subgraph: ChildApp;
  uncached: boolean;
}

/** `<apollo|hive>[-uncached]/<graphql-js|jit>`, as `--variants` names it. */
export function parseVariant(name: string): Variant {
  const match = /^(apollo|hive)(-uncached)?\/(graphql-js|jit)$/.exec(name);
  if (!match) throw new Error(`--variants: ${name} is not <apollo|hive>[-uncached]/<graphql-js|jit>`);
  return { name, engine: match[1] as Variant['engine'], uncached: match[2] !== undefined, executor: match[3] as Executor };
}
