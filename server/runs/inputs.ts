import type { PortType } from '../../pipeline/ports.ts';
import type { Value } from '../../pipeline/values.ts';
import { oversized } from '../../nodes/image/sharp-image.ts';
import { decodeDataUrl, readImage } from './image.ts';

/** A run's input as it arrived: a JSON value, a text field (form or command line), or a file. */
export type RawInput =
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string }
  | { kind: 'file'; data: Uint8Array; filename?: string };

/** A pipeline input the run may be given, found from the pipeline's input nodes. */
export interface InputSpec {
  name: string;
  type: PortType;
}

/** Inputs that cannot be used; `problems` says, per input, what is wrong and what to send. */
export class InputValueError extends Error {
  readonly code = 'invalid_input';
  constructor(readonly problems: { input: string; message: string }[]) {
    super(problems.map((p) => p.message).join('; '));
  }
}

/**
 * Turns raw inputs into engine values, typed by each pipeline input's port type. Reports every
 * bad input at once, and an input the pipeline does not have, with the names it does have.
 */
export async function decodeInputs(
  specs: readonly InputSpec[],
  raw: Record<string, RawInput>,
): Promise<Record<string, Value>> {
  const types = new Map(specs.map((spec) => [spec.name, spec.type]));
  const known = specs.map((s) => `\`${s.name}\` (${s.type})`).join(', ') || 'none';
  const problems: { input: string; message: string }[] = [];
  const values: Record<string, Value> = {};
  for (const [name, input] of Object.entries(raw)) {
    const type = types.get(name);
    if (type === undefined) {
      problems.push({
        input: name,
        message: `the pipeline has no input \`${name}\`; its inputs: ${known}`,
      });
      continue;
    }
    const result = await decodeOne(input, type);
    if (typeof result === 'string') {
      problems.push({ input: name, message: `input \`${name}\` (${type}): ${result}` });
    } else {
      values[name] = result.value;
    }
  }
  if (problems.length) throw new InputValueError(problems);
  return values;
}

type Decoded = { value: Value } | string;

async function decodeOne(input: RawInput, type: PortType): Promise<Decoded> {
  switch (type) {
    case 'image':
      return decodeImage(input);
    case 'text':
      return decodeText(input);
    case 'number':
      return decodeNumber(input);
    case 'boolean':
      return decodeBoolean(input);
    case 'json':
      return decodeJson(input);
    case 'any':
      return decodeAny(input);
  }
}

async function decodeImage(input: RawInput): Promise<Decoded> {
  let data: Uint8Array | undefined;
  if (input.kind === 'file') data = input.data;
  else {
    const text = input.kind === 'text' ? input.text : input.value;
    if (typeof text !== 'string' || !text.startsWith('data:')) {
      return 'send an image file (multipart, or @path on the command line) or a data URL';
    }
    data = decodeDataUrl(text);
    if (data === undefined) return 'the data URL could not be decoded';
  }
  const image = await readImage(data);
  if (image) return { value: image };
  return (await oversized(data)) ?? 'the bytes are not an image (PNG, JPEG, WebP, GIF, TIFF, AVIF)';
}

function decodeText(input: RawInput): Decoded {
  if (input.kind === 'text') return { value: input.text };
  if (input.kind === 'file') return { value: Buffer.from(input.data).toString('utf8') };
  const { value } = input;
  if (typeof value === 'string') return { value };
  if (typeof value === 'number' || typeof value === 'boolean') return { value: String(value) };
  return 'send a string';
}

function decodeNumber(input: RawInput): Decoded {
  if (input.kind === 'json' && typeof input.value === 'number') return { value: input.value };
  const text = input.kind === 'text' ? input.text : input.kind === 'json' ? input.value : null;
  if (typeof text === 'string' && text.trim() !== '' && Number.isFinite(Number(text))) {
    return { value: Number(text) };
  }
  return 'send a number, e.g. 42 or 0.5';
}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

function decodeBoolean(input: RawInput): Decoded {
  if (input.kind === 'json' && typeof input.value === 'boolean') return { value: input.value };
  const text = input.kind === 'text' ? input.text : input.kind === 'json' ? input.value : null;
  const word = typeof text === 'string' ? text.trim().toLowerCase() : '';
  if (TRUE.has(word)) return { value: true };
  if (FALSE.has(word)) return { value: false };
  return 'send true or false';
}

function decodeJson(input: RawInput): Decoded {
  if (input.kind === 'json') return { value: input.value as Value };
  const text = input.kind === 'text' ? input.text : Buffer.from(input.data).toString('utf8');
  try {
    return { value: JSON.parse(text) as Value };
  } catch {
    return 'the text is not valid JSON (quote a plain string: "\\"hello\\"")';
  }
}

async function decodeAny(input: RawInput): Promise<Decoded> {
  if (input.kind === 'json') return { value: input.value as Value };
  if (input.kind === 'text') return { value: input.text };
  const image = await readImage(input.data);
  return { value: image ?? Buffer.from(input.data).toString('utf8') };
}
