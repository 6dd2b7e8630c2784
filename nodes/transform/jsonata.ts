import jsonata from 'jsonata';
import { z } from 'zod';
import { NodeRunError } from '../../pipeline/errors.ts';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import type { JsonValue } from '../../pipeline/values.ts';
import { SandboxError, SandboxTimeout, inSandbox } from './sandbox.ts';

/** A JSONata error in words, with the character position it points at. */
function describeError(error: unknown): string {
  const { message, position, token } = error as Partial<jsonata.JsonataError> | SandboxError;
  const at = typeof position === 'number' ? ` at position ${position}` : '';
  const near = token === undefined ? '' : ` (near \`${String(token)}\`)`;
  return `${message ?? String(error)}${at}${near}`;
}

/** How long past its own limit (checked by JSONata between steps) an expression is stopped. */
const GRACE_MS = 200;

/** JSONata's own limits: its deepest recursion and its longest sequence. */
const LIMITS = { stack: 1_000, sequence: 1_000_000 };

function compile(expression: string, timeoutMs: number): jsonata.Expression {
  return jsonata(expression, { timeout: timeoutMs, ...LIMITS });
}

const params = z
  .object({
    expression: z.string().min(1).max(100_000).default('$').meta({
      title: 'Expression',
      description: 'A JSONata query or transformation; `$` is the whole input.',
    }),
    timeoutMs: z.number().int().min(10).max(60_000).default(5_000).meta({
      title: 'Time limit (ms)',
      description: 'Stops an expression that runs longer, such as an endless recursion.',
    }),
  })
  .superRefine(({ expression, timeoutMs }, ctx) => {
    try {
      compile(expression, timeoutMs);
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: ['expression'], message: describeError(error) });
    }
  });

export const jsonataNode: NodeDefinition<z.infer<typeof params>> = {
  type: 'transform.jsonata',
  title: 'JSON Query',
  description:
    'Queries and reshapes JSON with a JSONata expression, e.g. `items[price > 10].name`.',
  category: 'transform',
  version: 1,
  inputs: [{ id: 'input', type: 'json', optional: true, description: 'The value `$` refers to.' }],
  outputs: [{ id: 'result', type: 'json' }],
  params,
  async run({ inputs, params, signal }) {
    const { expression, timeoutMs } = params;
    let json: string | undefined;
    try {
      // On a thread that can be stopped: JSONata's own time limit is only checked between
      // steps, and a step such as a backtracking `$match` may never end.
      const options = { timeout: timeoutMs, ...LIMITS };
      const job = { kind: 'jsonata' as const, expression, input: inputs.input, options };
      json = await inSandbox(job, { timeoutMs: timeoutMs + GRACE_MS, signal });
    } catch (error) {
      if (error instanceof SandboxTimeout) {
        throw new NodeRunError(
          'bad_expression',
          `transform.jsonata: the expression ran for more than ${timeoutMs} ms and was stopped; fix the expression or raise \`timeoutMs\``,
        );
      }
      if (!(error instanceof SandboxError)) throw error;
      throw new NodeRunError(
        'bad_expression',
        `transform.jsonata: the expression failed: ${describeError(error)}; fix the expression`,
        { cause: error },
      );
    }
    // "Nothing matched" becomes null.
    return { result: json === undefined ? null : (JSON.parse(json) as JsonValue) };
  },
};
