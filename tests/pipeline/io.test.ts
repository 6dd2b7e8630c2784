import { expect, it } from 'vitest';
import { checkPipeline } from '../../pipeline/check.ts';
import { pipelineInputs, pipelineOutputs } from '../../pipeline/io.ts';
import { checkRegistry, file } from './fixtures.ts';

it('lists a pipeline’s named inputs and outputs with their types', () => {
  const { pipeline } = checkPipeline(
    file(
      [
        ['q', 't.input', { name: 'question' }],
        ['t', 't.text'],
        ['o', 't.output', { name: 'answer' }],
      ],
      ['q.value->t.in', 't.out->o.value'],
    ),
    checkRegistry,
  );
  expect(pipelineInputs(pipeline!, checkRegistry)).toEqual([
    { name: 'question', nodeId: 'q', nodeType: 't.input', type: 'text' },
  ]);
  expect(pipelineOutputs(pipeline!, checkRegistry)).toEqual([
    { name: 'answer', nodeId: 'o', nodeType: 't.output', type: 'any' },
  ]);
});
