import type { AltitudeLimit } from '../../zone/index.ts';

/**
 * Items F and G: `SFC`, `GND`, `UNL`, `FL050`, `4000FT AMSL`, `1500FT AGL`, `300M AGL`; a height
 * with no reference is AMSL (how NOTAMs write it). Null when the text is none of these.
 */
export function parseNotamLimit(text: string): AltitudeLimit | null {
  const t = text.trim().toUpperCase().replace(/\s+/g, ' ');
  if (t === 'SFC' || t === 'GND') return { value: 0, unit: 'm', reference: 'AGL' };
  if (t === 'UNL' || t === 'UNLTD') return { value: null, unit: 'm', reference: 'AMSL' };
  const fl = /^FL ?(\d{1,3})$/.exec(t);
  if (fl) return { value: Number(fl[1]), unit: 'FL', reference: 'STD' };
  const h = /^(\d{1,6}) ?(FT|M)(?: ?(AMSL|MSL|AGL|SFC|GND))?$/.exec(t);
  if (!h) return null;
  const reference = h[3] === 'AGL' || h[3] === 'SFC' || h[3] === 'GND' ? 'AGL' : 'AMSL';
  return { value: Number(h[1]), unit: h[2] === 'FT' ? 'ft' : 'm', reference };
}

/** A Q-line flight level as a limit: 000 is the surface, 999 unlimited. */
export function qLimit(fl: number, upper: boolean): AltitudeLimit {
  if (!upper && fl === 0) return { value: 0, unit: 'm', reference: 'AGL' };
  if (upper && fl === 999) return { value: null, unit: 'm', reference: 'AMSL' };
  return { value: fl, unit: 'FL', reference: 'STD' };
}
