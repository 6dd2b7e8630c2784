import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { closeOcr } from '../nodes/image/ocr.ts';
import { ConfigError } from './config.ts';
import { HELP } from './cli/help.ts';
import { EXIT, UsageError, println } from './cli/io.ts';
import type { CliIo, Parsed } from './cli/io.ts';
import { nodesCommand } from './cli/nodes.ts';
import { runCommand } from './cli/run.ts';
import { serveCommand } from './cli/serve.ts';
import { validateCommand } from './cli/validate.ts';

type Options = NonNullable<ParseArgsConfig['options']>;
type Command = {
  options: Options;
  run(args: Parsed, io: CliIo): Promise<number>;
};

const COMMANDS: Record<string, Command> = {
  serve: serveCommand,
  run: runCommand,
  validate: validateCommand,
  nodes: nodesCommand,
};

/**
 * Runs one `weft` command and resolves with the process exit code: 0 success, 1 a failed run
 * or an invalid pipeline, 2 a usage error.
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' && rest[0] && HELP[rest[0]] ? rest[0] : 'main';
    println(name === undefined ? io.stderr : io.stdout, HELP[topic]);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) return usage(io, `unknown command "${name}"`);
  if (rest.includes('--help') || rest.includes('-h')) {
    println(io.stdout, HELP[name]);
    return EXIT.ok;
  }
  try {
    const args = parseArgs({
      args: rest,
      options: command.options,
      allowPositionals: true,
      strict: true,
    });
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      return usage(io, (error as Error).message, name);
    }
    if (error instanceof ConfigError) {
      println(io.stderr, `weft: ${error.message}`);
      return EXIT.usage;
    }
    throw error;
  } finally {
    // The OCR worker thread would keep the process alive after the command is done.
    await closeOcr();
  }
}

function usage(io: CliIo, message: string, command?: string): number {
  println(io.stderr, `weft: ${message}`);
  println(io.stderr, `Run "weft ${command ? `${command} ` : ''}--help" for usage.`);
  return EXIT.usage;
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

function processIo(): CliIo {
  // `weft nodes | head` closes the pipe early: that is the reader's choice, not a failure.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
    throw error;
  });
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
