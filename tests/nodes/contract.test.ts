import { describe as suite, expect, it } from 'vitest';
import { z } from 'zod';
import { CATEGORIES, type NodeDefinition } from '../../pipeline/node-type.ts';
import { PORT_TYPES, type PortSpec } from '../../pipeline/ports.ts';
import { Registry, describe } from '../../pipeline/registry.ts';
import { nodeTypes } from '../../nodes/index.ts';
import { controlNodes } from '../../nodes/control/index.ts';
import { imageNodes } from '../../nodes/image/index.ts';
import { modelNodes } from '../../nodes/model/index.ts';
import { outputNodes } from '../../nodes/output/index.ts';
import { pipelineNodes } from '../../nodes/pipeline/index.ts';
import { textNodes } from '../../nodes/text/index.ts';
import { transformNodes } from '../../nodes/transform/index.ts';
import { runNode } from './harness.ts';

/** Each category folder's list, so a node registered in the wrong folder is caught. */
const byFolder = {
  text: textNodes,
  image: imageNodes,
  model: modelNodes,
  transform: transformNodes,
  control: controlNodes,
  pipeline: pipelineNodes,
  output: outputNodes,
} as const;

type JsonSchemaObject = { type?: string; properties?: Record<string, Record<string, unknown>> };

const schemaOf = (definition: NodeDefinition<any>) =>
  describe(definition).paramsSchema as JsonSchemaObject;

function expectPorts(ports: PortSpec[]) {
  const ids = ports.map((port) => port.id);
  expect(new Set(ids).size, `port ids ${ids.join(', ')} repeat`).toBe(ids.length);
  for (const port of ports) {
    expect(port.id).toMatch(/^[A-Za-z_][A-Za-z0-9_-]*$/);
    expect(PORT_TYPES).toContain(port.type);
  }
}

suite('node catalogue', () => {
  it('builds a registry with no duplicate type', () => {
    expect(() => new Registry(nodeTypes)).not.toThrow();
    expect(new Set(nodeTypes.map((n) => n.type)).size).toBe(nodeTypes.length);
  });

  it('lists every folder in nodes/index.ts, in palette order', () => {
    expect(nodeTypes).toEqual(Object.values(byFolder).flat());
  });

  it.each(Object.entries(byFolder))('keeps only %s nodes in the %s folder', (folder, list) => {
    for (const definition of list) expect(definition.category).toBe(folder);
  });
});

suite.each(nodeTypes.map((definition) => [definition.type, definition] as const))(
  'node type %s',
  (type, definition) => {
    it('has an id `category.name` that matches its category', () => {
      expect(type).toMatch(/^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/);
      expect(CATEGORIES).toContain(definition.category);
      expect(type.split('.')[0]).toBe(definition.category);
    });

    it('has a title and a one-line description', () => {
      expect(definition.title.trim()).not.toBe('');
      expect(definition.description.trim().length).toBeGreaterThan(10);
      expect(definition.description).not.toContain('\n');
      expect(definition.description.length).toBeLessThanOrEqual(160);
    });

    it('has a positive integer version', () => {
      expect(Number.isInteger(definition.version) && definition.version >= 1).toBe(true);
    });

    it('has unique, well-formed ports of known types', () => {
      expectPorts(definition.inputs);
      expectPorts(definition.outputs);
    });

    it('is valid when dropped on the canvas: params parse from {}', () => {
      const result = definition.params.safeParse({});
      expect(result.success, result.error ? z.prettifyError(result.error) : '').toBe(true);
      expect(typeof result.data).toBe('object');
    });

    it('describes its params as a JSON Schema object the editor can build a form from', () => {
      const schema = schemaOf(definition);
      expect(schema.type).toBe('object');
      expect(() => JSON.stringify(describe(definition))).not.toThrow();
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        const label = property.title ?? property.description;
        expect(label, `param \`${name}\` needs a title or description`).toBeTruthy();
      }
    });

    it('grows dynamic ports only from a param it has', () => {
      for (const dynamic of [definition.dynamicInputs, definition.dynamicOutputs]) {
        if (!dynamic) continue;
        expect(Object.keys(schemaOf(definition).properties ?? {})).toContain(dynamic.param);
        expect(PORT_TYPES).toContain(dynamic.type);
      }
    });

    it('refuses a missing required input with an error that names the node type', async () => {
      const required = definition.inputs.filter((port) => !port.optional && !port.param);
      if (required.length === 0 && !definition.io && !definition.dynamicInputs) return;
      await expect(runNode(definition)).rejects.toThrow(type);
    });

    it('takes a `name` param with a default when it is a pipeline input or output', () => {
      if (!definition.io) return;
      const name = schemaOf(definition).properties?.name;
      expect(name?.type).toBe('string');
      const parsed = definition.params.parse({}) as { name?: unknown };
      expect(typeof parsed.name).toBe('string');
      if (definition.io === 'input') {
        expect(definition.inputs.filter((port) => !port.optional && port.id !== 'value')).toEqual(
          [],
        );
        expect(definition.outputs.length).toBeGreaterThan(0);
      } else {
        expect(definition.inputs.map((port) => port.id)).toContain('value');
      }
    });
  },
);
