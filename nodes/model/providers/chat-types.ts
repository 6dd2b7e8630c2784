import type { Env, Usage } from '../../../pipeline/node-type.ts';

/** One part of a user message: text, or an image by URL (`data:` URLs included). */
export type ContentPart =
  { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

/** A chat message in the shape both OpenAI and Hugging Face chat completion take. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string | ContentPart[];
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  stop?: string[];
  /** Ask for JSON matching this JSON Schema (structured output). */
  schema?: Record<string, unknown>;
  /** Stream tokens as they arrive. */
  stream: boolean;
}

export interface ChatAnswer {
  text: string;
  /** Why the model stopped (`stop`, `length`, ...); null when a stream ended without saying. */
  finishReason: string | null;
  usage?: Usage;
}

export interface ChatOptions {
  env: Env;
  signal: AbortSignal;
  /** Called with each streamed piece of the answer. */
  onToken?: (chunk: string) => void;
}

/** Token counts as the OpenAI wire format names them (Hugging Face uses the same names). */
export interface WireUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  /** Some OpenAI-compatible routers report the price of the call. */
  cost?: number;
}

export function usageOf(usage: WireUsage | null | undefined): Usage | undefined {
  if (!usage) return undefined;
  const out: Usage = {};
  if (typeof usage.prompt_tokens === 'number') out.inputTokens = usage.prompt_tokens;
  if (typeof usage.completion_tokens === 'number') out.outputTokens = usage.completion_tokens;
  if (typeof usage.cost === 'number') out.costUsd = usage.cost;
  return out;
}

/** The OpenAI `response_format` for a JSON Schema; Hugging Face's router takes the same. */
export function responseFormat(schema: Record<string, unknown>) {
  return {
    type: 'json_schema' as const,
    json_schema: { name: 'answer', schema, strict: false },
  };
}
