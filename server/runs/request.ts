import { z } from 'zod';
import type { Body } from '../http/body.ts';
import { parseJsonText } from '../http/body.ts';
import { badRequest } from '../http/errors.ts';
import type { RunRequestOptions } from '../storage/history.ts';
import type { RawInput } from './inputs.ts';

/** `POST /api/runs` as JSON. In a multipart form the same names are fields, and every other field is an input. */
const RunBodySchema = z
  .object({
    /**
     * A saved pipeline to run. Given with `pipeline`, it names what that file is (the editor's
     * canvas): the file runs, and the run is recorded under this id.
     */
    pipelineId: z.string().min(1).optional(),
    /** A pipeline file to run as it is, without saving it. */
    pipeline: z.unknown().optional(),
    /** Values of the pipeline's inputs by name; images as data URLs. */
    inputs: z.record(z.string(), z.unknown()).default({}),
    /** Answer when the run is over, with its outputs, rather than at once with its id. */
    wait: z.boolean().default(false),
    runTo: z.string().min(1).optional(),
    runFrom: z.string().min(1).optional(),
    noCache: z.boolean().optional(),
    cacheAll: z.boolean().optional(),
    /** Fill the inputs not given from the example's sample files. */
    useSamples: z.boolean().optional(),
  })
  .strict();

const FIELDS = new Set(Object.keys(RunBodySchema.shape));
const BOOLEAN_FIELDS = new Set(['wait', 'noCache', 'cacheAll', 'useSamples']);

export interface RunRequest {
  pipelineId?: string;
  pipeline?: unknown;
  inputs: Record<string, RawInput>;
  wait: boolean;
  useSamples: boolean;
  options: RunRequestOptions;
}

/** Reads a run request from a JSON body or a multipart form, refusing anything else with 400. */
export async function parseRunRequest(body: Body): Promise<RunRequest> {
  const raw = body.kind === 'json' ? body.value : fromForm(body.form);
  const parsed = RunBodySchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const where = issue.path.length ? `\`${issue.path.join('.')}\`` : 'the body';
      return `${where}: ${issue.message}`;
    });
    throw badRequest(`the run request is not valid: ${problems.join('; ')}`, { problems });
  }
  const { pipelineId, pipeline, inputs, wait, useSamples, runTo, runFrom, noCache, cacheAll } =
    parsed.data;
  if (pipelineId === undefined && pipeline === undefined) {
    throw badRequest('give `pipelineId` (a saved pipeline) or `pipeline` (a pipeline file)');
  }
  const request: RunRequest = { inputs: {}, wait, useSamples: useSamples ?? false, options: {} };
  if (pipelineId !== undefined) request.pipelineId = pipelineId;
  if (pipeline !== undefined) request.pipeline = pipeline;
  if (runTo !== undefined) request.options.runTo = runTo;
  if (runFrom !== undefined) request.options.runFrom = runFrom;
  if (noCache) request.options.noCache = true;
  if (cacheAll) request.options.cacheAll = true;
  for (const [name, value] of Object.entries(inputs))
    request.inputs[name] = { kind: 'json', value };
  if (body.kind === 'form') Object.assign(request.inputs, await formInputs(body.form));
  return request;
}

/** The request fields of a form, typed as the JSON body would have them. */
function fromForm(form: FormData): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const name of new Set(form.keys())) {
    if (!FIELDS.has(name)) continue;
    // Which one counts would depend on the order of the parts: which pipeline runs, say.
    const values = form.getAll(name);
    if (values.length > 1) {
      throw badRequest(`field \`${name}\` is given ${values.length} times; give it once`);
    }
    const value = values[0];
    if (typeof value !== 'string') throw badRequest(`field \`${name}\` must be text, not a file`);
    if (BOOLEAN_FIELDS.has(name)) fields[name] = formBoolean(name, value);
    else if (name === 'pipeline' || name === 'inputs') fields[name] = jsonField(name, value);
    else fields[name] = value;
  }
  return fields;
}

function jsonField(name: string, value: string): unknown {
  try {
    return parseJsonText(value, `field \`${name}\``);
  } catch (error) {
    throw badRequest((error as Error).message);
  }
}

function formBoolean(name: string, value: string): boolean {
  if (value === 'true' || value === '1' || value === 'on') return true;
  if (value === 'false' || value === '0' || value === '') return false;
  throw badRequest(`field \`${name}\` must be true or false, got "${value.slice(0, 40)}"`);
}

/** Every form field that is not a request field is an input: files as bytes, the rest as text. */
async function formInputs(form: FormData): Promise<Record<string, RawInput>> {
  const inputs: Record<string, RawInput> = {};
  for (const name of new Set(form.keys())) {
    if (FIELDS.has(name)) continue;
    const values = form.getAll(name);
    if (values.length > 1)
      throw badRequest(`input \`${name}\` is given ${values.length} times; give it once`);
    const value = values[0];
    if (typeof value === 'string') inputs[name] = { kind: 'text', text: value };
    else if (value)
      inputs[name] = { kind: 'file', data: new Uint8Array(await value.arrayBuffer()) };
  }
  return inputs;
}
