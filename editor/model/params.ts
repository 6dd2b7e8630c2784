import { z } from 'zod';
import type { NodeTypeInfo } from '../../pipeline/node-type.ts';

type Schema = Record<string, unknown>;

interface FieldBase {
  key: string;
  label: string;
  description?: string;
  required: boolean;
  default?: unknown;
}

/** One row of a node's settings form, read from its params' JSON Schema. */
export type Field = FieldBase &
  (
    | { kind: 'text'; multiline: boolean; maxLength?: number }
    | { kind: 'number'; integer: boolean; min?: number; max?: number }
    | { kind: 'boolean' }
    | { kind: 'choice'; options: (string | number)[] }
    | { kind: 'list' }
    | { kind: 'json' }
    | { kind: 'pipeline' }
  );

const MULTILINE_KEYS = /^(template|prompt|system|text|content|body|instructions?|expression)$/i;

const asSchema = (value: unknown): Schema =>
  typeof value === 'object' && value !== null ? (value as Schema) : {};

/** `T | null` and single-member unions read as `T`; a union of constants reads as a choice. */
function unwrap(schema: Schema): Schema {
  const union = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (!Array.isArray(union)) return schema;
  const members = union.map(asSchema).filter((m) => m.type !== 'null');
  if (members.length === 1) return { ...schema, ...unwrap(members[0] as Schema) };
  if (members.every((m) => 'const' in m)) return { ...schema, enum: members.map((m) => m.const) };
  return schema;
}

function humanize(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

function fieldOf(key: string, raw: Schema, required: boolean): Field {
  const schema = unwrap(raw);
  const base: FieldBase = { key, label: (schema.title as string) ?? humanize(key), required };
  if (typeof schema.description === 'string') base.description = schema.description;
  if ('default' in schema) base.default = schema.default;

  if (Array.isArray(schema.enum)) return { ...base, kind: 'choice', options: schema.enum };
  // A node type asks for a picker of saved pipelines by marking the param (`pipeline.call`).
  if (schema['x-weft-widget'] === 'pipeline') return { ...base, kind: 'pipeline' };
  switch (schema.type) {
    case 'string': {
      const maxLength = schema.maxLength as number | undefined;
      const multiline =
        schema.format === 'multiline' ||
        schema['x-multiline'] === true ||
        MULTILINE_KEYS.test(key) ||
        (maxLength ?? 0) > 1000;
      return maxLength === undefined
        ? { ...base, kind: 'text', multiline }
        : { ...base, kind: 'text', multiline, maxLength };
    }
    case 'number':
    case 'integer': {
      const field: Field = { ...base, kind: 'number', integer: schema.type === 'integer' };
      const min = (schema.minimum ?? schema.exclusiveMinimum) as number | undefined;
      const max = (schema.maximum ?? schema.exclusiveMaximum) as number | undefined;
      if (min !== undefined) field.min = min;
      if (max !== undefined) field.max = max;
      return field;
    }
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'array':
      if (asSchema(schema.items).type === 'string') return { ...base, kind: 'list' };
      return { ...base, kind: 'json' };
    default:
      return { ...base, kind: 'json' };
  }
}

/** A settings form: one field per property of an object's JSON Schema (a node type's params). */
export function fieldsOf(schema: Schema): Field[] {
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const properties = asSchema(schema.properties);
  return Object.entries(properties).map(([key, value]) =>
    fieldOf(key, asSchema(value), required.has(key)),
  );
}

/** The params a new node starts with: every default its schema declares. */
export function defaultParams(info: NodeTypeInfo): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const field of fieldsOf(info.paramsSchema)) {
    if (field.default !== undefined) params[field.key] = structuredClone(field.default);
    else if (field.required && field.kind === 'choice') params[field.key] = field.options[0];
  }
  return params;
}

const validators = new WeakMap<object, z.ZodType | null>();

function validatorOf(schema: Schema): z.ZodType | null {
  let validator = validators.get(schema);
  if (validator === undefined) {
    try {
      validator = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
    } catch {
      // A schema zod cannot read back is still checked by the server's validation.
      validator = null;
    }
    validators.set(schema, validator);
  }
  return validator;
}

/** The schema's message for each param that fails it, keyed by param name ('' for the whole). */
export function paramErrors(
  schema: Schema,
  params: Record<string, unknown>,
): Record<string, string> {
  const result = validatorOf(schema)?.safeParse(params);
  if (!result || result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '');
    errors[key] ??= issue.message;
  }
  return errors;
}
