import { z } from 'zod';
import { NodeRunError } from '../../../pipeline/errors.ts';
import type { JsonValue } from '../../../pipeline/values.ts';
import type { ChatAnswer, ChatOptions, ChatRequest } from './chat-types.ts';
import { huggingfaceChat } from './huggingface.ts';
import { openaiChat } from './openai.ts';

export type { ChatAnswer, ChatMessage, ContentPart } from './chat-types.ts';

/** Chat completion with whichever remote provider the node names. */
export function chat(
  provider: 'openai' | 'huggingface',
  request: ChatRequest,
  options: ChatOptions,
): Promise<ChatAnswer> {
  return provider === 'openai' ? openaiChat(request, options) : huggingfaceChat(request, options);
}

/** Why a JSON Schema param cannot be used, or undefined when it can. */
export function schemaProblem(schema: Record<string, unknown>): string | undefined {
  try {
    z.fromJSONSchema(schema);
    return undefined;
  } catch (error) {
    return `param \`schema\` is not a JSON Schema Weft can check answers against: ${(error as Error).message}`;
  }
}

/**
 * The model's answer as JSON that matches the schema. Code fences around the JSON are
 * forgiven (local models add them); anything else that does not match is an error that lists
 * each mismatch by path. Another attempt may help only when the model samples (temperature > 0).
 */
export function parseStructured(
  text: string,
  schema: Record<string, unknown>,
  samples: boolean,
): JsonValue {
  const body = text
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/\s*```$/, '');
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw mismatch(`the model's answer is not JSON: "${excerpt(text)}"`, samples);
  }
  const result = z.fromJSONSchema(schema).safeParse(value);
  if (result.success) return value as JsonValue;
  const issues = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(top level)'}: ${issue.message}`)
    .join('; ');
  throw mismatch(`the model's answer does not match param \`schema\`: ${issues}`, samples);
}

function mismatch(message: string, samples: boolean): NodeRunError {
  return new NodeRunError('output_schema_mismatch', message, { retryable: samples });
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat;
}
