import { EXIT, println } from './io.ts';
import type { CliIo, Parsed } from './io.ts';
import { fileArgument, loadPipeline, problemLine } from './load.ts';

/** `weft validate FILE [--json]`: every problem of a pipeline file, exit 1 when there is one. */
export const validateCommand = {
  options: { json: { type: 'boolean' } } as const,
  async run({ values, positionals }: Parsed, io: CliIo): Promise<number> {
    const file = fileArgument(positionals, 'validate');
    const { pipeline, problems } = loadPipeline(file, io, io.env);
    if (values.json === true) {
      println(io.stdout, JSON.stringify({ valid: problems.length === 0, problems }, null, 2));
    } else if (problems.length === 0) {
      const counts = `${pipeline?.nodes.length ?? 0} nodes, ${pipeline?.edges.length ?? 0} edges`;
      println(io.stdout, `${file}: valid (${counts})`);
    } else {
      for (const problem of problems) println(io.stdout, problemLine(problem));
      const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
      println(io.stderr, `${file}: ${count}`);
    }
    return problems.length === 0 ? EXIT.ok : EXIT.failed;
  },
};
