import { EXIT, println } from './io.ts';
import type { CliIo, Parsed } from './io.ts';
import {
  fileArgument,
  loadPipeline,
  problemLine,
  savedPipelinesFor,
  savedPipelinesHint,
} from './load.ts';

/** `weft validate FILE [--json] [--pipelines DIR]`: every problem of a pipeline file, exit 1 when there is one. */
export const validateCommand = {
  options: { json: { type: 'boolean' }, pipelines: { type: 'string' } } as const,
  async run({ values, positionals }: Parsed, io: CliIo): Promise<number> {
    const file = fileArgument(positionals, 'validate');
    const saved = savedPipelinesFor(values.pipelines, file, io);
    const { pipeline, problems } = loadPipeline(file, io, { env: io.env, ...saved });
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
    const hint = savedPipelinesHint(problems, saved);
    if (hint) println(io.stderr, hint);
    return problems.length === 0 ? EXIT.ok : EXIT.failed;
  },
};
