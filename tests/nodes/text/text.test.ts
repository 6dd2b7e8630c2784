import { describe, expect, it } from 'vitest';
import type { Value } from '../../../pipeline/values.ts';
import { constantNode } from '../../../nodes/text/constant.ts';
import { inputNode } from '../../../nodes/text/input.ts';
import { templateNode } from '../../../nodes/text/template.ts';
import { runNode } from '../harness.ts';

describe('text.input', () => {
  it.each<[string, Value | undefined, Record<string, unknown>, string]>([
    ['the run value', 'hello', { name: 'greeting' }, 'hello'],
    ['a number, written out', 42, {}, '42'],
    ['the default when the run gives none', undefined, { default: 'fallback' }, 'fallback'],
    ['the run value over the default', 'given', { default: 'fallback' }, 'given'],
  ])('gives %s', async (_case, value, params, expected) => {
    const { text } = await runNode(inputNode, { value }, params);
    expect(text).toBe(expected);
  });

  it('names the input and says how to pass it when the run gives no value', async () => {
    await expect(runNode(inputNode, {}, { name: 'question' })).rejects.toThrow(
      /text\.input.*`question`.*--input question=/,
    );
  });

  it.each(['', '1abc', 'has space', 'a=b'])('refuses the name %j', (name) => {
    expect(inputNode.params.safeParse({ name }).success).toBe(false);
  });
});

describe('text.constant', () => {
  it('gives its text, including none', async () => {
    expect((await runNode(constantNode, {}, { text: 'fixed' })).text).toBe('fixed');
    expect((await runNode(constantNode)).text).toBe('');
  });
});

describe('text.template', () => {
  it.each<[string, Record<string, Value>, string]>([
    ['Hello, {{name}}!', { name: 'Ada' }, 'Hello, Ada!'],
    ['{{ a }}+{{a}}={{sum}}', { a: 2, sum: 4 }, '2+2=4'],
    ['Flags: {{on}}', { on: true }, 'Flags: true'],
    ['Data: {{data}}', { data: { k: [1] } }, 'Data: {\n  "k": [\n    1\n  ]\n}'],
    ['No placeholders', {}, 'No placeholders'],
    ['Not one: {{ 9x }} {name}', {}, 'Not one: {{ 9x }} {name}'],
  ])('fills %j', async (template, inputs, expected) => {
    expect((await runNode(templateNode, inputs, { template })).text).toBe(expected);
  });

  it.each([
    ['{{a}} {{b}}', 'text.template: {{b}} has no value; connect its input'],
    ['{{b}} {{c}} {{b}}', 'text.template: {{b}}, {{c}} have no value; connect their inputs'],
  ])('names every placeholder of %j that has no value', async (template, message) => {
    await expect(runNode(templateNode, { a: 'x' }, { template })).rejects.toThrow(message);
  });

  it('declares its placeholders as text inputs, as the editor grows them', () => {
    expect(templateNode.dynamicInputs).toEqual({
      param: 'template',
      kind: 'placeholders',
      type: 'text',
    });
  });
});
