// Types of cluster.mjs for the TypeScript tests and benchmark.
export interface TestCluster {
  url: string;
  port: number;
  dir: string;
  env: Record<string, string>;
  /** Stops PostgreSQL (fast shutdown), keeping its data. */
  halt(): void;
  /** Starts it again after halt(), on the same port. */
  resume(): void;
  /** Stops it and removes its folder. */
  stop(): void;
}

export function findPgBin(): string;
export function startCluster(options?: { settings?: Record<string, string | number> }): Promise<TestCluster>;
