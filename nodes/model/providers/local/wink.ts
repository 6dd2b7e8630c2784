import winkNLP, { type Document, type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export interface Entity {
  /** `date`, `time`, `money`, `email`, `url`, `percent`, `duration`, `cardinal`, ... */
  type: string;
  /** The words as they stand in the text. */
  value: string;
  /** Index of the sentence it is in, from 0. */
  sentence: number;
  /** For `money`: the amount as a number, and an ISO currency code when one is clear. */
  amount?: number;
  currency?: string;
}

export interface Analysis {
  /** From -1 (very negative) to 1 (very positive); 0 is neutral. */
  sentiment: number;
  mood: 'positive' | 'negative' | 'neutral';
  sentences: { text: string; sentiment: number }[];
  entities: Entity[];
  /** The most frequent content words (lemmas), most frequent first. */
  keywords: { word: string; count: number }[];
  words: number;
  readingTimeSeconds: number;
}

let nlp: WinkMethods | undefined;

/** wink-nlp with its English lite model: 1 MB of JSON features that npm installed. */
function pipeline(): WinkMethods {
  nlp ??= winkNLP(model);
  return nlp;
}

const CURRENCY: Record<string, string> = {
  $: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '₹': 'INR',
  dollar: 'USD',
  euro: 'EUR',
  pound: 'GBP',
  yen: 'JPY',
  rupee: 'INR',
  usd: 'USD',
  eur: 'EUR',
  gbp: 'GBP',
  jpy: 'JPY',
  inr: 'INR',
  chf: 'CHF',
  cad: 'CAD',
  aud: 'AUD',
};
const SCALE: Record<string, number> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  m: 1e6,
  billion: 1e9,
  bn: 1e9,
};
const CONTENT_POS = new Set(['NOUN', 'PROPN', 'ADJ', 'VERB']);

/** Sentences, sentiment, entities and keywords of an English text, offline. */
export function analyze(text: string, keywordCount: number): Analysis {
  const { its } = pipeline();
  const doc = pipeline().readDoc(text);
  const sentences = doc.sentences().out(its.value) as string[];
  const scores = doc.sentences().out(its.sentiment) as unknown as number[];
  const sentiment = round(doc.out(its.sentiment) as unknown as number);
  const stats = doc.out(its.readabilityStats) as unknown as {
    numOfWords: number;
    readingTimeSecs: number;
    readingTimeMins: number;
  };
  const inEntity = new Set<number>();
  const entities = collectEntities(doc, inEntity);
  const keywords = topWords(doc, inEntity, keywordCount);
  return {
    sentiment,
    mood: sentiment > 0.05 ? 'positive' : sentiment < -0.05 ? 'negative' : 'neutral',
    sentences: sentences.map((s, i) => ({
      text: s.replace(/\s+/g, ' ').trim(),
      sentiment: round(scores[i] ?? 0),
    })),
    entities,
    keywords,
    words: stats.numOfWords,
    readingTimeSeconds: stats.readingTimeMins * 60 + stats.readingTimeSecs,
  };
}

/** Content words (nouns, verbs, adjectives) by lemma, most frequent first, ties in text order. */
function topWords(doc: Document, skip: Set<number>, count: number): Analysis['keywords'] {
  const { its } = pipeline();
  const counts = new Map<string, number>();
  doc.tokens().each((t: any) => {
    const usable =
      !skip.has(t.index()) &&
      t.out(its.type) === 'word' &&
      !t.out(its.stopWordFlag) &&
      CONTENT_POS.has(t.out(its.pos)) &&
      String(t.out(its.normal)).length > 2;
    if (!usable) return;
    const lemma = String(t.out(its.lemma));
    counts.set(lemma, (counts.get(lemma) ?? 0) + 1);
  });
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([word, n]) => ({ word, count: n }));
}

/**
 * wink's entities, with one repair: an amount written with a currency sign or code before it
 * (`€1,200`, `EUR 12.50`) comes out as a plain number, and is turned into money here.
 */
function collectEntities(doc: Document, inEntity: Set<number>): Entity[] {
  const { its } = pipeline();
  const tokens = doc.tokens();
  const out: Entity[] = [];
  doc.entities().each((e: any) => {
    const [first, last] = e.out(its.span) as [number, number];
    let type = String(e.out(its.type)).toLowerCase();
    let value = String(e.out(its.value));
    const before = first > 0 ? tokens.itemAt(first - 1) : undefined;
    const sign = before ? String(before.out()) : '';
    if (
      type === 'cardinal' &&
      before &&
      (before.out(its.type) === 'currency' || /^[A-Z]{3}$/.test(sign)) &&
      CURRENCY[sign.toLowerCase()]
    ) {
      type = 'money';
      value = before.out(its.type) === 'currency' ? `${sign}${value}` : `${sign} ${value}`;
      inEntity.add(first - 1);
    }
    for (let i = first; i <= last; i++) inEntity.add(i);
    if (type === 'url') value = value.replace(/[.,;:!?)]+$/, '');
    const entity: Entity = { type, value, sentence: e.parentSentence().index() };
    out.push(type === 'money' ? { ...entity, ...money(value) } : entity);
  });
  return out;
}

/** The amount and currency of a money phrase: `$45.50`, `30 euros`, `3.5 million dollars`. */
function money(value: string): { amount?: number; currency?: string } {
  const number = /(\d[\d,]*(?:\.\d+)?)/.exec(value);
  if (!number) return {};
  const scaleWord = /(\d)\s*(thousand|million|billion|bn|k|m)\b/i.exec(value)?.[2]?.toLowerCase();
  const amount = Number(number[1]!.replace(/,/g, '')) * (scaleWord ? SCALE[scaleWord]! : 1);
  const word = /([$€£¥₹])|\b([A-Za-z]{3,})\b/g;
  for (let m = word.exec(value); m; m = word.exec(value)) {
    const key = (m[1] ?? m[2] ?? '').toLowerCase().replace(/s$/, '');
    if (CURRENCY[key]) return { amount, currency: CURRENCY[key] };
  }
  return { amount };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
