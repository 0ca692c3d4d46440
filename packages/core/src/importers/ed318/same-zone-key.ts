/**
 * A canonical JSON of a zone's non-geometric fields. ED-318 describes a zone with several layers as
 * several features sharing an identifier; they are layers of one zone only when everything else
 * (type, times, authority, texts) agrees, otherwise merging would silently drop a restriction.
 */
export function sameZoneKey(fields: unknown): string {
  return JSON.stringify(sortKeys(fields));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [k, sortKeys(record[k])]),
  );
}
