/**
 * What a piece of metadata tells about the pilot.
 *
 * @example
 * const category: MetadataCategory = 'location';
 * const where = (await inspectMedia(file)).found.filter((t) => t.category === category);
 */
export type MetadataCategory = 'location' | 'time' | 'device' | 'telemetry' | 'other';

/**
 * One piece of metadata found in a file, named as ExifTool names it (`group` is ExifTool's family-1
 * group: `GPS`, `IFD0`, `ExifIFD`, `XMP-drone-dji`, `Keys`, `Track2`...), so the pilot can look it up.
 * `tag: '*'` is a whole block (a maker note, a FLIR record, an embedded preview) read no further:
 * everything in it goes.
 *
 * @example
 * const tags: MetadataTag[] = (await inspectMedia(file)).found;
 * // [{ group: 'GPS', tag: 'GPSLatitude', category: 'location', ... }, { group: 'IFD0', tag: 'Model', ... }]
 */
export interface MetadataTag {
  group: string;
  tag: string;
  category: MetadataCategory;
  /** The value as text, cut to 80 characters; absent for binary values and whole blocks. */
  value?: string;
}

// Checked in this order: a GPS time is location, a serial is device before any "date" in its name.
const RULES: Array<[MetadataCategory, RegExp]> = [
  [
    'location',
    /gps|latitude|longitude|altitude|location|city|country|province|state$|position|coordinates|iso6709|loci|xyz/i,
  ],
  ['telemetry', /yaw|pitch|roll|speed|gimbal|heading|direction|ned[xyz]$/i],
  [
    'device',
    /make|model|serial|software|firmware|owner|author|creator|artist|copyright|lens|vehicle|drone|camera|uniqueid|documentid|instanceid|version|handle|releasekey|mediaid|sensorid|partnumber|host/i,
  ],
  ['time', /date|time|utc|when|epoch|clock/i],
];

export function categoryOf(tag: string): MetadataCategory {
  for (const [category, re] of RULES) if (re.test(tag)) return category;
  return 'other';
}

export function tagOf(group: string, tag: string, value?: string): MetadataTag {
  const t: MetadataTag = { group, tag, category: categoryOf(tag) };
  if (value !== undefined) {
    const clean = value.replace(/\p{Cc}+/gu, ' ').trim();
    if (clean) t.value = clean.length > 80 ? `${clean.slice(0, 79)}…` : clean;
  }
  return t;
}

/** A whole block, named by what it is (`what` says why it matters). */
export function blockOf(group: string, category: MetadataCategory, what: string): MetadataTag {
  return { group, tag: '*', category, value: what };
}
