import { CATEGORIES } from '../../pipeline/node-type.ts';
import type { PortSpec } from '../../pipeline/ports.ts';
import { registry } from '../../nodes/index.ts';
import { EXIT, println } from './io.ts';
import type { CliIo, Parsed } from './io.ts';

const ports = (list: PortSpec[]) =>
  list.map((p) => `${p.id}:${p.type}${p.optional ? '?' : ''}`).join(', ') || '-';

/** `weft nodes [--json]`: the catalogue, grouped by category. */
export const nodesCommand = {
  options: { json: { type: 'boolean' } } as const,
  async run({ values }: Parsed, io: CliIo): Promise<number> {
    const info = registry.info();
    if (values.json === true) {
      println(io.stdout, JSON.stringify(info, null, 2));
      return EXIT.ok;
    }
    const width = Math.max(...info.map((type) => type.type.length));
    for (const category of CATEGORIES) {
      const types = info.filter((type) => type.category === category);
      if (types.length === 0) continue;
      println(io.stdout, `${category}`);
      for (const type of types) {
        println(io.stdout, `  ${type.type.padEnd(width)}  ${type.title}: ${type.description}`);
        println(
          io.stdout,
          `  ${''.padEnd(width)}  in: ${ports(type.inputs)}  out: ${ports(type.outputs)}`,
        );
      }
      println(io.stdout);
    }
    return EXIT.ok;
  },
};
