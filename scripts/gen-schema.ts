// Writes schema/pipeline.schema.json from the zod schema: `npx tsx scripts/gen-schema.ts`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { pipelineJsonSchema } from '../pipeline/json-schema.ts';

const target = fileURLToPath(new URL('../schema/pipeline.schema.json', import.meta.url));
const options = (await resolveConfig(target)) ?? {};
const text = await format(JSON.stringify(pipelineJsonSchema()), { ...options, parser: 'json' });
writeFileSync(target, text);
console.warn(`wrote ${target}`);
