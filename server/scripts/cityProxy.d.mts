// Types of cityProxy.mjs for the TypeScript tests and benchmark.
export interface CityProxy {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function startCityProxy(options: {
  port?: number;
  host?: string;
  backends: string[];
}): Promise<CityProxy>;
