import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { JsonValue, Value } from '../../../pipeline/values.ts';
import { jsonataNode } from '../../../nodes/transform/jsonata.ts';
import { joinNode } from '../../../nodes/transform/join.ts';
import { parseJsonNode } from '../../../nodes/transform/parse-json.ts';
import { regexNode } from '../../../nodes/transform/regex.ts';
import { splitNode } from '../../../nodes/transform/split.ts';
import { toTextNode } from '../../../nodes/transform/to-text.ts';
import { exampleImage, runNode } from '../harness.ts';

/** The message a params schema gives for params, or '' when they are fine. */
function paramsProblem(schema: z.ZodType, params: Record<string, unknown>): string {
  const result = schema.safeParse(params);
  return result.success ? '' : z.prettifyError(result.error);
}

describe('transform.regex', () => {
  it('gives every match with its numbered and named groups', async () => {
    const text = 'Paid 12.50 on 01Aug2018\nPaid 3.00 on 02Aug2018';
    const pattern = '^Paid (\\d+)\\.(\\d+) on (?<date>\\w+)$';
    const { matches, first, count } = await runNode(regexNode, { text }, { pattern });
    expect(count).toBe(2);
    expect(first).toBe('Paid 12.50 on 01Aug2018');
    expect(matches).toEqual([
      {
        match: 'Paid 12.50 on 01Aug2018',
        index: 0,
        groups: ['12', '50', '01Aug2018'],
        named: { date: '01Aug2018' },
      },
      {
        match: 'Paid 3.00 on 02Aug2018',
        index: 24,
        groups: ['3', '00', '02Aug2018'],
        named: { date: '02Aug2018' },
      },
    ]);
  });

  it.each<[string, string, string, string, string[]]>([
    ['numbers', '\\d+', '', 'a1 b22 c333', ['1', '22', '333']],
    ['nothing', '\\d+', '', 'no digits', []],
    ['case-sensitively', 'cat', '', 'Cat cAT cat', ['cat']],
    ['ignoring case with i', 'cat', 'i', 'Cat cAT dog', ['Cat', 'cAT']],
    ['whole text only without m', '^\\w+$', '', 'one\ntwo', []],
    ['each line with m', '^\\w+$', 'm', 'one\ntwo', ['one', 'two']],
    ['no newline for . without s', 'a.b', '', 'a\nb', []],
    ['newlines for . with s', 'a.b', 's', 'a\nb', ['a\nb']],
    ['empty matches without looping forever', 'x*', '', 'ab', ['', '', '']],
  ])('finds %s', async (_case, pattern, flags, text, expected) => {
    const { matches } = await runNode(regexNode, { text }, { pattern, flags });
    expect((matches as { match: string }[]).map((m) => m.match)).toEqual(expected);
  });

  it('gives null for a group that took no part in a match', async () => {
    const { matches } = await runNode(regexNode, { text: 'ab' }, { pattern: 'a(x)?(?<y>b)?' });
    expect(matches).toEqual([{ match: 'ab', index: 0, groups: [null, 'b'], named: { y: 'b' } }]);
  });

  it.each<[Record<string, unknown>, string]>([
    [{ pattern: '(unclosed' }, 'Unterminated group'],
    [{ flags: 'g' }, 'use only the flags i, m, s, u and v'],
    [{ flags: 'ii' }, 'each flag may appear once'],
  ])('refuses params %j before a run starts', (params, message) => {
    expect(paramsProblem(regexNode.params, params)).toContain(message);
  });
});

describe('transform.split', () => {
  it.each<[string, Record<string, unknown>, string, string[]]>([
    ['lines, trimmed, blank ones dropped', {}, ' a \n\n b\n', ['a', 'b']],
    ['commas', { separator: ',' }, 'x,y,,z', ['x', 'y', 'z']],
    ['commas, keeping empties', { separator: ',', dropEmpty: false }, 'x,,z', ['x', '', 'z']],
    ['tabs', { separator: '\\t' }, 'a\tb', ['a', 'b']],
    ['a regex', { separator: '\\s*;\\s*', regex: true }, 'a ; b;c', ['a', 'b', 'c']],
    ['characters', { separator: '' }, 'abc', ['a', 'b', 'c']],
  ])('cuts at %s', async (_case, params, text, expected) => {
    const { items, count } = await runNode(splitNode, { text }, params);
    expect(items).toEqual(expected);
    expect(count).toBe(expected.length);
  });

  it('refuses a separator regex that does not compile', () => {
    expect(paramsProblem(splitNode.params, { separator: '(', regex: true })).toContain('separator');
  });
});

describe('transform.join', () => {
  it.each<[JsonValue, Record<string, unknown>, string]>([
    [['a', 'b', 'c'], {}, 'a\nb\nc'],
    [['a', 'b'], { separator: ', ' }, 'a, b'],
    [[1, true, null, { k: 1 }], { separator: '|' }, '1|true||{"k":1}'],
    [[], {}, ''],
  ])('joins %j', async (items, params, expected) => {
    expect((await runNode(joinNode, { items }, params)).text).toBe(expected);
  });

  it('says what it got when the input is not a list', async () => {
    await expect(runNode(joinNode, { items: 'abc' })).rejects.toThrow(
      'transform.join: input `items` needs a list, got string',
    );
  });
});

describe('transform.jsonata', () => {
  const order = {
    items: [
      { name: 'pen', price: 2.5, qty: 4 },
      { name: 'book', price: 12, qty: 1 },
    ],
  };

  it.each<[string, JsonValue]>([
    ['items[price > 10].name', 'book'],
    ['$sum(items.(price * qty))', 22],
    [
      'items.{ "what": name, "cost": price * qty }',
      [
        { what: 'pen', cost: 10 },
        { what: 'book', cost: 12 },
      ],
    ],
    ['items[price > 100]', null],
    ['$count(items)', 2],
  ])('evaluates %s', async (expression, expected) => {
    expect((await runNode(jsonataNode, { input: order }, { expression })).result).toEqual(expected);
  });

  it('names the position of a syntax error before a run starts', () => {
    expect(paramsProblem(jsonataNode.params, { expression: 'items[price > ]' })).toMatch(
      /cannot be used as a unary operator at position 15/,
    );
  });

  it('fails a run whose expression fails on the data, saying so', async () => {
    await expect(
      runNode(jsonataNode, { input: order }, { expression: '$number("twelve")' }),
    ).rejects.toThrow(/transform\.jsonata: the expression failed: .*twelve/);
  });

  it('stops an endless recursion at its time limit', async () => {
    const expression = '($f := function($n) { $f($n + 1) + 1 }; $f(0))';
    await expect(
      runNode(jsonataNode, { input: {} }, { expression, timeoutMs: 200 }),
    ).rejects.toThrow(/transform\.jsonata/);
  });
});

describe('transform.parse-json', () => {
  it.each<[string, JsonValue]>([
    ['{"a": [1, 2]}', { a: [1, 2] }],
    ['```json\n{"a": 1}\n```', { a: 1 }],
    ['  42 ', 42],
    ['null', null],
  ])('reads %j', async (text, expected) => {
    expect((await runNode(parseJsonNode, { text })).value).toEqual(expected);
  });

  it('says where the text stops being JSON', async () => {
    await expect(runNode(parseJsonNode, { text: '{"a": 1,}' })).rejects.toThrow(
      /transform\.parse-json: input `text` is not JSON: .*position 8/,
    );
  });
});

describe('transform.to-text', () => {
  it.each<[Value, Record<string, unknown>, string]>([
    ['as is', {}, 'as is'],
    [3.5, {}, '3.5'],
    [false, {}, 'false'],
    [null, {}, ''],
    [{ a: [1] }, { indent: 0 }, '{"a":[1]}'],
    [{ a: 1 }, {}, '{\n  "a": 1\n}'],
  ])('writes %j', async (value, params, expected) => {
    expect((await runNode(toTextNode, { value }, params)).text).toBe(expected);
  });

  it('refuses an image and points to OCR', async () => {
    const image = await exampleImage('examples/ocr/image.png');
    await expect(runNode(toTextNode, { value: image })).rejects.toThrow('image.ocr');
  });
});
