import { z } from 'zod';
import { PipelineFileSchema } from './schema.ts';

/** Where the published schema lives; editors and validators can refer to it by this id. */
export const PIPELINE_SCHEMA_ID = 'https://weft.dev/schema/pipeline.schema.json';

/**
 * The JSON Schema (draft 2020-12) of a pipeline file, generated from the zod schema so the two
 * never disagree. Committed as `schema/pipeline.schema.json` and served at `GET /api/schema`.
 */
export function pipelineJsonSchema(): Record<string, unknown> {
  // `input`: a field with a default may be left out of a file someone writes by hand.
  const schema = z.toJSONSchema(PipelineFileSchema, { io: 'input', target: 'draft-2020-12' });
  return {
    $schema: schema.$schema,
    $id: PIPELINE_SCHEMA_ID,
    title: 'Weft pipeline',
    description: 'A saved Weft pipeline: nodes, the edges between them, and editor-only state.',
    ...schema,
  };
}
