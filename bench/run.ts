// `npm run bench [-- NAME...]`: runs every `bench/*.bench.ts` (or those whose name contains one
// of NAME), one after another. Each file's default export prints its own lines.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => wanted.length === 0 || wanted.some((word) => name.includes(word)))
  .sort();

for (const file of files) {
  process.stdout.write(`\n# ${file.replace(/\.bench\.ts$/, '')}\n`);
  const module = (await import(pathToFileURL(`${dir}${file}`).href)) as {
    default?: () => void | Promise<void>;
  };
  if (typeof module.default !== 'function') {
    throw new Error(`bench/${file} must export a default function that prints its results`);
  }
  await module.default();
}
