import { loadModule, type CldFactory, type LanguageResult } from 'cld3-asm';

export interface LanguageGuess {
  /** BCP-47 code, e.g. `en`, `fr`, `zh-Latn`; `und` when the text gives no clue. */
  language: string;
  /** The language's English name, e.g. `French`. */
  name: string;
  probability: number;
  /** cld3's own verdict on whether the guess can be trusted (short texts often cannot). */
  reliable: boolean;
  /** Share of the text in this language, from 0 to 1. */
  proportion: number;
}

let factory: Promise<CldFactory> | undefined;

/** Google's CLD3 compiled to WebAssembly; its model is inside the npm package. */
function cld(): Promise<CldFactory> {
  if (factory) return factory;
  const loading = loadModule();
  loading.catch(() => {
    if (factory === loading) factory = undefined;
  });
  factory = loading;
  return loading;
}

const names = new Intl.DisplayNames(['en'], { type: 'language' });

function nameOf(code: string): string {
  if (code === 'und') return 'unknown';
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

function guessOf(result: LanguageResult): LanguageGuess {
  return {
    language: result.language,
    name: nameOf(result.language),
    probability: Math.round(result.probability * 1000) / 1000,
    reliable: result.is_reliable,
    proportion: Math.round(result.proportion * 1000) / 1000,
  };
}

/** The languages of a text, most of the text first (up to `count`). */
export async function detectLanguages(text: string, count: number): Promise<LanguageGuess[]> {
  const identifier = (await cld()).create(0, 100_000);
  try {
    const found = identifier
      .findMostFrequentLanguages(text, count)
      .filter((r) => r.language !== 'und');
    return found.length ? found.map(guessOf) : [guessOf(identifier.findLanguage(text))];
  } finally {
    identifier.dispose();
  }
}
