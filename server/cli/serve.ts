import { startServer } from '../start.ts';
import type { StartOptions } from '../start.ts';
import { checkFolder } from './folders.ts';
import { EXIT, UsageError, println } from './io.ts';
import type { CliIo, Parsed } from './io.ts';

function port(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65_535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, got "${value}"`);
  }
  return n;
}

/** `weft serve`: the editor and the API until Ctrl+C. */
export const serveCommand = {
  options: {
    port: { type: 'string', short: 'p' },
    host: { type: 'string' },
    data: { type: 'string' },
  } as const,
  async run({ values, positionals }: Parsed, io: CliIo): Promise<number> {
    if (positionals.length)
      throw new UsageError(`serve takes no arguments, got "${positionals[0]}"`);
    const options: StartOptions = { env: io.env };
    const chosen = port(values.port as string | undefined);
    if (chosen !== undefined) options.port = chosen;
    if (typeof values.host === 'string') options.host = values.host;
    if (typeof values.data === 'string') options.dataDir = values.data;
    const fromEnv = io.env.WEFT_DATA_DIR?.trim() || undefined;
    const setting = options.dataDir ? '--data' : fromEnv ? 'WEFT_DATA_DIR' : 'the data folder';
    checkFolder(setting, options.dataDir ?? fromEnv ?? './data', io.cwd);

    let server;
    try {
      server = await startServer(options);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' && code !== 'EADDRNOTAVAIL' && code !== 'EACCES') throw error;
      println(
        io.stderr,
        `weft: cannot listen: ${(error as Error).message}; pick another --port or --host`,
      );
      return EXIT.failed;
    }
    println(io.stdout, `Weft is running at ${server.url}`);

    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    println(io.stderr, 'stopping…');
    await server.close();
    return EXIT.ok;
  },
};
