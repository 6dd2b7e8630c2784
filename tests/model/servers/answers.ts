/**
 * The test servers' answers: plain functions of the request, so a test knows what a correct
 * client must end up with.
 */

type Part = { type: string; text?: string; image_url?: { url: string } };
type Message = { role: string; content: string | Part[] };

/** "Echo: <the last user text>", plus how many images came with it and the system text. */
export function answerFor(messages: Message[]): string {
  const user = [...messages].reverse().find((m) => m.role === 'user');
  const parts: Part[] =
    typeof user?.content === 'string'
      ? [{ type: 'text', text: user.content }]
      : (user?.content ?? []);
  const text = parts.flatMap((p) => (p.type === 'text' && p.text ? [p.text] : [])).join(' ');
  const images = parts.filter((p) => p.type === 'image_url').length;
  const system = messages.find((m) => m.role === 'system');
  const framed = typeof system?.content === 'string' ? ` (told: ${system.content})` : '';
  return `Echo: ${text}${images ? ` [${images} image${images > 1 ? 's' : ''}]` : ''}${framed}`;
}

/** The smallest value that matches a JSON Schema, enough for the node to validate. */
export function sampleOf(schema: any): unknown {
  if (Array.isArray(schema?.enum)) return schema.enum[0];
  switch (schema?.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(schema.properties ?? {})) out[key] = sampleOf(sub);
      return out;
    }
    case 'array':
      return [sampleOf(schema.items ?? { type: 'string' })];
    case 'number':
      return 1.5;
    case 'integer':
      return 2;
    case 'boolean':
      return true;
    default:
      return 'sample';
  }
}

/** An 8-dimension unit vector that depends only on the text. */
export function vectorOf(text: string): number[] {
  const v = Array.from({ length: 8 }, (_, i) =>
    [...text].reduce((sum, ch, j) => sum + Math.sin(ch.charCodeAt(0) * (i + 1) + j), 0),
  );
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
