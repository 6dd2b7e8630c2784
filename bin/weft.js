#!/usr/bin/env node
// Weft's command line. The code is TypeScript, loaded through tsx so there is no build step.
import process from 'node:process';
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli.ts');
process.exitCode = await main(process.argv.slice(2));
