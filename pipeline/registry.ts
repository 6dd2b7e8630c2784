import { z } from 'zod';
import type { NodeDefinition, NodeTypeInfo } from './node-type.ts';

const TYPE_ID = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/;

/** The catalogue of node types. Refuses a duplicate or malformed type id when it is built. */
export class Registry {
  readonly #types = new Map<string, NodeDefinition<any>>();

  constructor(definitions: readonly NodeDefinition<any>[]) {
    for (const definition of definitions) {
      if (!TYPE_ID.test(definition.type)) {
        throw new Error(`node type id "${definition.type}" must look like "category.name"`);
      }
      if (this.#types.has(definition.type)) {
        throw new Error(`node type "${definition.type}" is registered twice`);
      }
      this.#types.set(definition.type, definition);
    }
  }

  get(type: string): NodeDefinition<any> | undefined {
    return this.#types.get(type);
  }

  list(): NodeDefinition<any>[] {
    return [...this.#types.values()];
  }

  /** The catalogue as the editor sees it: ports, and params as JSON Schema. */
  info(): NodeTypeInfo[] {
    return this.list().map(describe);
  }
}

export function describe(definition: NodeDefinition<any>): NodeTypeInfo {
  const { type, title, description, category, version, inputs, outputs } = definition;
  const info: NodeTypeInfo = {
    type,
    title,
    description,
    category,
    version,
    inputs,
    outputs,
    // `input` io: a field with a default is optional to the person filling the form.
    paramsSchema: z.toJSONSchema(definition.params, { io: 'input', unrepresentable: 'any' }),
    deterministic:
      typeof definition.deterministic === 'function'
        ? 'depends'
        : definition.deterministic !== false,
  };
  if (definition.dynamicInputs) info.dynamicInputs = definition.dynamicInputs;
  if (definition.dynamicOutputs) info.dynamicOutputs = definition.dynamicOutputs;
  if (definition.io) info.io = definition.io;
  return info;
}
