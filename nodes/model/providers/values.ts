import { InputError } from '../../../pipeline/errors.ts';
import type { Value } from '../../../pipeline/values.ts';

/** A text input's value: numbers and booleans become text, nothing gives undefined. */
export function textOf(value: Value | undefined, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new InputError(`${where} needs text, not ${Array.isArray(value) ? 'a list' : 'an object'}`);
}

/** The text an input or its param gives, which must not be empty. */
export function requireText(value: Value | undefined, fallback: string, where: string): string {
  const text = textOf(value, where) ?? fallback;
  if (text.trim() === '') {
    throw new InputError(`${where} is empty: connect a text to it or set its param`);
  }
  return text;
}

/** One text or a list of texts (for nodes that batch, such as embeddings). */
export function textsOf(
  value: Value | undefined,
  where: string,
): { texts: string[]; list: boolean } {
  if (Array.isArray(value)) {
    const texts = value.map((item, i) => {
      const text = textOf(item, `${where} (item ${i})`);
      if (text === undefined) throw new InputError(`${where} (item ${i}) is empty`);
      return text;
    });
    return { texts, list: true };
  }
  const text = textOf(value, where);
  if (text === undefined || text === '') {
    throw new InputError(`${where} is empty: connect a text or a list of texts`);
  }
  return { texts: [text], list: false };
}
