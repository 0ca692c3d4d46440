import { type Authority, authoritySchema } from '../../zone/index.ts';
import { FieldError } from './field-error.ts';
import { type LangText, langTexts, pickText } from './text.ts';

const TEXT_FIELDS = [
  'name',
  'service',
  'email',
  'contactName',
  'siteURL',
  'phone',
  'intervalBefore',
] as const;
const PURPOSES = new Set(['AUTHORIZATION', 'NOTIFICATION', 'INFORMATION']);

export interface ParsedAuthorities {
  authority: Authority[];
  /** Multilingual originals (ED-318 name, service, contactName) keyed by "zoneAuthority[i].name". */
  translations: Record<string, LangText[]>;
}

/**
 * ED-269 `zoneAuthority` (plain strings) and ED-318 (multilingual name/service/contactName). Contact
 * details are informational: nulls are dropped, numbers (phones) become strings and an unknown
 * `purpose` is left out instead of losing the zone over it.
 */
export function parseAuthorities(raw: unknown, field: string): ParsedAuthorities {
  const translations: Record<string, LangText[]> = {};
  if (raw === undefined || raw === null) return { authority: [], translations };
  const list = Array.isArray(raw) ? raw : [raw];
  const authority = list.map((entry, i): Authority => {
    const where = `${field}[${i}]`;
    if (entry === null || typeof entry !== 'object') throw new FieldError(where, entry, 'is not an object');
    const e = entry as Record<string, unknown>;
    const out: Authority = {};
    for (const key of TEXT_FIELDS) {
      const text = pickText(e[key]);
      if (text === undefined) continue;
      if (!authoritySchema.shape[key].safeParse(text).success) {
        throw new FieldError(`${where}.${key}`, text, 'is longer than 500 characters');
      }
      out[key] = text;
      const texts = langTexts(e[key]);
      if (texts.length > 0) translations[`zoneAuthority[${i}].${key}`] = texts;
    }
    const purpose = typeof e.purpose === 'string' ? e.purpose.trim().toUpperCase() : undefined;
    if (purpose && PURPOSES.has(purpose)) out.purpose = purpose as Authority['purpose'];
    return out;
  });
  return { authority, translations };
}
