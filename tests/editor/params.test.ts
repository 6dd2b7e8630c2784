import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { NodeTypeInfo } from '../../pipeline/node-type.ts';
import { defaultParams, fieldsOf, paramErrors } from '../../editor/model/params.ts';
import { catalogue } from './fixtures.ts';

// As the server describes a node type's params (pipeline/registry.ts).
const jsonSchemaOf = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;

const params = z.object({
  title: z.string().max(80).meta({ title: 'Heading', description: 'Shown on top.' }),
  prompt: z.string().default('Say hi'),
  width: z.number().int().min(1).max(4096).default(512),
  scale: z.number().gt(0).optional(),
  sharpen: z.boolean().default(false),
  fit: z.enum(['cover', 'contain', 'fill']),
  mode: z
    .union([z.literal('fast'), z.literal('best')])
    .nullable()
    .optional(),
  names: z.array(z.string()).default([]),
  options: z.record(z.string(), z.number()).optional(),
  maxTokens: z.number().int().nullable().optional(),
});

describe('the settings form built from a params JSON Schema', () => {
  const fields = fieldsOf(jsonSchemaOf(params));
  const field = (key: string) => fields.find((f) => f.key === key);

  it('has one field per param, in the schema order', () => {
    expect(fields.map((f) => f.key)).toEqual(Object.keys(params.shape));
  });

  it('reads texts, with their limit, title and help; names that hold prose are multi-line', () => {
    expect(field('title')).toMatchObject({
      kind: 'text',
      label: 'Heading',
      description: 'Shown on top.',
      maxLength: 80,
      multiline: false,
      required: true,
    });
    expect(field('prompt')).toMatchObject({ kind: 'text', multiline: true, default: 'Say hi' });
    expect(field('prompt')?.required).toBe(false);
  });

  it('reads numbers with their limits, integers apart', () => {
    expect(field('width')).toMatchObject({ kind: 'number', integer: true, min: 1, max: 4096 });
    expect(field('scale')).toMatchObject({ kind: 'number', integer: false, min: 0 });
    // `T | null` reads as T.
    expect(field('maxTokens')).toMatchObject({
      kind: 'number',
      integer: true,
      label: 'Max tokens',
    });
  });

  it('reads booleans, choices from enums and from unions of constants, lists and JSON', () => {
    expect(field('sharpen')).toMatchObject({ kind: 'boolean', default: false });
    expect(field('fit')).toMatchObject({ kind: 'choice', options: ['cover', 'contain', 'fill'] });
    expect(field('mode')).toMatchObject({ kind: 'choice', options: ['fast', 'best'] });
    expect(field('names')).toMatchObject({ kind: 'list', default: [] });
    expect(field('options')).toMatchObject({ kind: 'json' });
  });

  it('gives a param marked x-weft-widget: pipeline a picker of saved pipelines', () => {
    const call = catalogue['pipeline.call'];
    if (!call) throw new Error('pipeline.call is not registered');
    expect(fieldsOf(call.paramsSchema).map((f) => [f.key, f.kind])).toEqual([
      ['pipeline', 'pipeline'],
      ['inputs', 'list'],
      ['outputs', 'list'],
    ]);
  });

  it('starts a new node with every default, and the first choice of a required choice', () => {
    const info: NodeTypeInfo = {
      type: 'test.params',
      title: 'Params',
      description: 'Every kind of param',
      category: 'text',
      version: 1,
      inputs: [],
      outputs: [],
      paramsSchema: jsonSchemaOf(params),
      deterministic: true,
    };
    expect(defaultParams(info)).toEqual({
      prompt: 'Say hi',
      width: 512,
      sharpen: false,
      fit: 'cover',
      names: [],
    });
  });

  it("marks a bad value with the schema's message, under the param's name", () => {
    const schema = jsonSchemaOf(params);
    const good = { title: 'Hi', fit: 'fill', width: 10 };
    expect(paramErrors(schema, good)).toEqual({});
    const errors = paramErrors(schema, { ...good, width: 5000, fit: 'stretch' });
    expect(Object.keys(errors).sort()).toEqual(['fit', 'width']);
    expect(errors.width).toMatch('<=4096');
  });

  it('builds the form of every registered node type without losing a param', () => {
    for (const info of Object.values(catalogue)) {
      const properties = Object.keys((info.paramsSchema.properties ?? {}) as object);
      expect(
        fieldsOf(info.paramsSchema).map((f) => f.key),
        info.type,
      ).toEqual(properties);
      // A new node's defaults pass its own schema.
      expect(paramErrors(info.paramsSchema, defaultParams(info)), info.type).toEqual({});
    }
  });
});
