import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { NodeRunError } from '../../pipeline/errors.ts';
import { pipelineJsonSchema } from '../../pipeline/json-schema.ts';
import { migrate } from '../../pipeline/migrate.ts';

it('has a committed JSON Schema that matches the zod schema (npx tsx scripts/gen-schema.ts)', () => {
  const committed = JSON.parse(
    readFileSync(new URL('../../schema/pipeline.schema.json', import.meta.url), 'utf8'),
  );
  expect(committed).toEqual(pipelineJsonSchema());
  expect(committed.required).toEqual(['version', 'nodes', 'edges']);
});

it.each([
  [{ version: 1, nodes: [], edges: [] }, undefined],
  [
    { version: 3 },
    'the file is format version 3; this Weft reads version 1 (update Weft to open it)',
  ],
  [{ version: 'one' }, 'the file is format version "one"; this Weft reads version 1'],
  [{ version: 0 }, 'the file is format version 0; this Weft reads version 1'],
])('migrates or refuses version of %j', (input, message) => {
  const result = migrate(input);
  if (message === undefined) expect(result).toEqual({ file: input });
  else expect('problem' in result && result.problem.message).toBe(message);
});

it.each([
  [429, 'rate_limited', true],
  [503, 'provider_error', true],
  [400, 'bad_request', false],
  [401, 'bad_request', false],
])('marks a provider answer of %i as %s, retryable %s', (status, code, retryable) => {
  const error = NodeRunError.fromHttpStatus(status, 'no', 2000);
  expect([error.code, error.retryable, error.retryAfterMs]).toEqual([code, retryable, 2000]);
});
