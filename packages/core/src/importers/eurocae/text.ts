/** ED-318 multilingual text: `[{ text, lang }]`, lang a BCP 47 tag such as "en-GB". */
export interface LangText {
  text: string;
  lang: string;
}

/** The entries of a multilingual array that carry text; a plain string (ED-269) gives none. */
export function langTexts(value: unknown): LangText[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object')
    .filter((v) => typeof v.text === 'string')
    .map((v) => ({ text: v.text as string, lang: typeof v.lang === 'string' ? v.lang : '' }));
}

/**
 * One display string from a plain string or a multilingual array, English first (any "en" tag),
 * else the first entry: the console and the API speak English, the rest stays in properties.
 */
export function pickText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  const texts = langTexts(value);
  const english = texts.find((t) => /^en\b/i.test(t.lang));
  return (english ?? texts[0])?.text;
}
