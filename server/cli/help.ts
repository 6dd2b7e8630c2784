/** The text of `weft --help` and of each command's `--help`. */
export const HELP: Record<string, string> = {
  main: `weft: build and run AI pipelines

Usage:
  weft serve [--port N] [--host H] [--data DIR]   start the editor and the HTTP API
  weft run FILE [--input name=value]... [options] run a pipeline file, print its outputs
  weft validate FILE [--json] [--pipelines DIR]   list every problem of a pipeline file
  weft nodes [--json]                             list the node types
  weft --help | weft <command> --help

A pipeline.call node runs a saved pipeline by id: run and validate find it as DIR/<id>.json
in --pipelines DIR, by default the pipelines folder of the data folder (WEFT_DATA_DIR, then
./data) when there is one.

Exit codes: 0 success, 1 the run failed or the pipeline is invalid, 2 a usage error,
130 interrupted (Ctrl+C).`,

  serve: `weft serve [--port N] [--host H] [--data DIR]

Starts the server and prints its URL. The editor is at /, the API under /api.
  --port N     port to listen on (default WEFT_PORT, then 8787; 0 picks a free one)
  --host H     address to listen on (default WEFT_HOST, then 127.0.0.1)
  --data DIR   folder for saved pipelines, run history and artifacts (default WEFT_DATA_DIR, then ./data)`,

  run: `weft run FILE [--input name=value]... [--out DIR] [--json] [--cache DIR | --no-cache]

Runs a pipeline file and prints its outputs. Progress goes to stderr, results to stdout.
  --input name=value   a pipeline input, typed by the input node: text, a number, true/false,
                       JSON; name=@path reads a file (an image for an image input)
  --out DIR            where image outputs are written (default ./weft-out)
  --json               print one JSON object of outputs; images as {"path": ...}
  --cache DIR          reuse node results kept in DIR from earlier runs (or WEFT_CACHE_DIR)
  --no-cache           compute every node, even when a cache folder is set
  --cache-all          cache non-deterministic nodes too (e.g. a model with temperature > 0)
  --run-to NODE        run only what NODE needs
  --run-from NODE      recompute NODE and everything after it
  --pipelines DIR      where pipeline.call nodes find saved pipelines, as DIR/<id>.json
                       (default: the pipelines folder of WEFT_DATA_DIR, then ./data, if any)`,

  validate: `weft validate FILE [--json] [--pipelines DIR]

Checks a pipeline file against the format and the node catalogue, and the saved pipelines its
pipeline.call nodes run. Prints every problem, one per line as
"<node or edge id> <path>: <message>", and exits 1 when there is any.
  --json            print {"valid": ..., "problems": [...]}
  --pipelines DIR   where pipeline.call nodes find saved pipelines, as DIR/<id>.json
                    (default: the pipelines folder of WEFT_DATA_DIR, then ./data, if any)`,

  nodes: `weft nodes [--json]

Lists every node type by category, with its ports.
  --json   print the full catalogue, params as JSON Schema (as GET /api/node-types does)`,
};
