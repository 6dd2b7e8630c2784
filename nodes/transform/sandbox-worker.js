// The thread behind sandbox.ts. Plain JavaScript, so that it loads without the TypeScript
// loader the main thread runs under. It runs one job at a time and answers each with
// `{ ok: true, value }` or `{ ok: false, error }`; the main thread stops it when a job runs too
// long, which is the only way to stop a regular expression that backtracks catastrophically.
import { parentPort } from 'node:worker_threads';
import jsonata from 'jsonata';

/** One regex match as transform.regex gives it. */
function matchOf(match) {
  return {
    match: match[0],
    index: match.index,
    groups: match.slice(1).map((group) => group ?? null),
    named: Object.fromEntries(
      Object.entries(match.groups ?? {}).map(([name, group]) => [name, group ?? null]),
    ),
  };
}

const jobs = {
  matchAll({ pattern, flags, text, max }) {
    const matches = [];
    for (const match of text.matchAll(new RegExp(pattern, flags))) {
      if (matches.length === max) return { matches, more: true };
      matches.push(matchOf(match));
    }
    return { matches, more: false };
  },
  split({ pattern, text }) {
    return text.split(new RegExp(pattern));
  },
  test({ pattern, text }) {
    return new RegExp(pattern).test(text);
  },
  async jsonata({ expression, input, options }) {
    const result = await jsonata(expression, options).evaluate(input);
    // JSONata marks its arrays with extra properties and can return functions; JSON text
    // leaves plain data, and "nothing matched" (undefined) stays undefined.
    return result === undefined ? undefined : JSON.stringify(result);
  },
};

parentPort.on('message', async ({ kind, ...job }) => {
  try {
    parentPort.postMessage({ ok: true, value: await jobs[kind](job) });
  } catch (error) {
    // JSONata throws plain objects with a position and the token it stopped at.
    const { message, position, token } = error ?? {};
    const described = { message: typeof message === 'string' ? message : String(error) };
    if (typeof position === 'number') described.position = position;
    if (token !== undefined) described.token = String(token);
    parentPort.postMessage({ ok: false, error: described });
  }
});
