import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Env } from '../pipeline/node-type.ts';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import type { Logger } from './logger.ts';
import { createServices } from './services.ts';
import type { ServiceOptions } from './services.ts';

export interface StartOptions {
  /** 0 picks a free port. Defaults to `WEFT_PORT`, then 8787. */
  port?: number;
  /** Defaults to `WEFT_HOST`, then 127.0.0.1. */
  host?: string;
  /** Defaults to `WEFT_DATA_DIR`, then `./data`. */
  dataDir?: string;
  /** Settings and provider keys; `process.env` when absent. */
  env?: Env;
  /** Where logs go; tests pass a silent logger. */
  logger?: Logger;
  /** Where the built editor is (default `dist/editor`). */
  editorDir?: string;
  examplesDir?: string;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Starts Weft's server: the API and the editor on one port. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const env = options.env ?? process.env;
  const config = loadConfig(env);
  if (options.port !== undefined) config.port = options.port;
  if (options.host !== undefined) config.host = options.host;
  if (options.dataDir !== undefined) config.dataDir = options.dataDir;
  const logger = options.logger ?? createLogger({ level: config.logLevel, env });

  const serviceOptions: ServiceOptions = { config, logger, env };
  if (options.editorDir !== undefined) serviceOptions.editorDir = options.editorDir;
  if (options.examplesDir !== undefined) serviceOptions.examplesDir = options.examplesDir;
  const services = await createServices(serviceOptions);
  const app = createApp(services);

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const created = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
      resolve(created),
    );
    created.once('error', reject);
  }).catch(async (error: unknown) => {
    await services.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  logger.info({ url, dataDir: config.dataDir }, 'weft is listening');

  return {
    url,
    async close() {
      await services.runs.close();
      // Event streams stay open until their run ends; closing them lets the server stop now.
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.close();
    },
  };
}
