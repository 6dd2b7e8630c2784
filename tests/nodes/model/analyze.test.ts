import { describe, expect, it } from 'vitest';
import { analyzeNode } from '../../../nodes/text/analyze.ts';
import { detectLanguageNode } from '../../../nodes/text/detect-language.ts';
import { runWithEnv } from '../../model/helpers.ts';

const REVIEW =
  'We loved our stay at the harbour hotel, the staff were wonderful and friendly. ' +
  'We arrived on 12 March 2024 and paid $450.00 for three nights. ' +
  'Breakfast cost €18.50 extra, and on March 15 we got a refund of 30 euros. ' +
  'Write to bookings@harbour.example or see https://harbour.example/offers.';

const COMPLAINT =
  'The room was dirty and the service was terrible. I hated it and will never return.';

const analyse = async (text: string, params = {}) =>
  (await runWithEnv(analyzeNode, {}, { text }, params)).outputs;

describe('text.analyze (offline, wink-nlp)', () => {
  it('gets the sign of the sentiment right', async () => {
    const happy = await analyse(REVIEW);
    const unhappy = await analyse(COMPLAINT);
    expect(happy.sentiment).toBeGreaterThan(0);
    expect(unhappy.sentiment).toBeLessThan(0);
    expect((unhappy.analysis as { mood: string }).mood).toBe('negative');
  });

  it('finds the dates, the amounts with their currencies, the e-mail and the URL', async () => {
    const { entities } = await analyse(REVIEW);
    const of = (type: string) => (entities as { type: string }[]).filter((e) => e.type === type);
    expect(of('date').map((e: any) => e.value)).toEqual(['12 March 2024', 'March 15']);
    expect(
      of('money').map(({ value, amount, currency }: any) => [value, amount, currency]),
    ).toEqual([
      ['$450.00', 450, 'USD'],
      ['€18.50', 18.5, 'EUR'],
      ['30 euros', 30, 'EUR'],
    ]);
    expect(of('email').map((e: any) => e.value)).toEqual(['bookings@harbour.example']);
    expect(of('url').map((e: any) => e.value)).toEqual(['https://harbour.example/offers']);
    expect(of('date')[0]).toMatchObject({ sentence: 1 });
  });

  it('splits sentences and lists keywords, without the words of entities', async () => {
    const { analysis } = await analyse(REVIEW, { keywords: 5 });
    const { sentences, keywords, words } = analysis as any;
    expect(sentences).toHaveLength(4);
    expect(sentences[1].text).toBe(
      'We arrived on 12 March 2024 and paid $450.00 for three nights.',
    );
    expect(keywords).toHaveLength(5);
    expect(keywords.map((k: any) => k.word)).not.toContain('march');
    expect(words).toBeGreaterThan(30);
    expect(keywords[0]).toEqual({ word: expect.any(String), count: expect.any(Number) });
  });

  it('refuses an empty text, naming the node type', async () => {
    await expect(runWithEnv(analyzeNode, {}, {}, {})).rejects.toThrow(
      /text\.analyze: input `text` is empty/,
    );
  });
});

describe('text.detect-language (offline, CLD3)', () => {
  it.each([
    ['The quick brown fox jumps over the lazy dog near the river bank.', 'en', 'English'],
    ['Le renard brun saute par-dessus le chien paresseux près de la rivière.', 'fr', 'French'],
    ['Der schnelle braune Fuchs springt über den faulen Hund am Fluss.', 'de', 'German'],
    ['これは日本語で書かれた短い文章です。', 'ja', 'Japanese'],
  ])('names the language of "%s"', async (text, code, name) => {
    const { outputs } = await runWithEnv(detectLanguageNode, {}, { text }, {});
    expect([outputs.language, outputs.name]).toEqual([code, name]);
    expect((outputs.details as any[])[0]).toMatchObject({ reliable: true });
  });

  it('says when a guess is unsure', async () => {
    const { outputs, reports } = await runWithEnv(detectLanguageNode, {}, { text: 'ok' }, {});
    expect((outputs.details as any[])[0].reliable).toBe(false);
    expect(reports.logs[0]).toMatch(/unsure/);
  });
});
