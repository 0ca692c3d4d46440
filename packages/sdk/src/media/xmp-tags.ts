import { type MetadataTag, tagOf } from './media-tags.ts';

// ExifTool's group names for the namespaces it knows by URI (a packet may use any prefix for them);
// any other namespace is named by the packet's own prefix, as ExifTool does.
const GROUPS: Record<string, string> = {
  'http://ns.adobe.com/xap/1.0/': 'xmp',
  'http://ns.adobe.com/xap/1.0/mm/': 'xmpMM',
  'http://ns.adobe.com/tiff/1.0/': 'tiff',
  'http://ns.adobe.com/exif/1.0/': 'exif',
  'http://ns.adobe.com/exif/1.0/aux/': 'aux',
  'http://cipa.jp/exif/1.0/': 'exifEX',
  'http://ns.adobe.com/photoshop/1.0/': 'photoshop',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://ns.adobe.com/camera-raw-settings/1.0/': 'crs',
  'http://www.dji.com/drone-dji/1.0/': 'drone-dji',
};
// Where ExifTool's name differs from the flattened property name.
const RENAMED: Record<string, string> = {
  'exif:GPSTimeStamp': 'GPSDateTime',
  'exifEX:BodySerialNumber': 'SerialNumber',
};
const TOKEN = /<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|([^<]+)/g;
const ATTRIBUTE = /([A-Za-z_][\w.-]*):([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

interface Frame {
  /** The property path at this element (rdf: containers add nothing). */
  path: string[];
  prefix: string | null;
}

/**
 * Every property of an XMP packet, flattened the way ExifTool names them: a structure's fields join
 * its name (`xmpMM:DerivedFrom/stRef:documentID` → `XMP-xmpMM:DerivedFromDocumentID`), list items take
 * the list's name. A small tokenizer, not an XML parser: it reads what cameras and editors write.
 */
export function readXmp(packet: string): MetadataTag[] {
  const groups = new Map<string, string>();
  for (const m of packet.matchAll(/xmlns:([\w.-]+)\s*=\s*["']([^"']*)["']/g))
    groups.set(m[1], GROUPS[m[2]] ?? m[1]);
  const out: MetadataTag[] = [];
  const emit = (prefix: string | null, path: string[], value: string | undefined) => {
    if (!prefix || path.length === 0) return;
    const group = groups.get(prefix) ?? prefix;
    let name = path.map((p) => p[0].toUpperCase() + p.slice(1)).join('');
    name = RENAMED[`${group}:${name}`] ?? name;
    if (group === 'drone-dji') name = name.replace(/^Gps/, 'GPS').replace('Longtitude', 'Longitude');
    out.push(tagOf(`XMP-${group}`, name, value === undefined ? undefined : decode(value)));
  };
  const stack: Frame[] = [{ path: [], prefix: null }];
  for (const m of packet.matchAll(TOKEN)) {
    const top = stack[stack.length - 1];
    if (m[5] !== undefined) {
      if (m[5].trim() && top.path.length) emit(top.prefix, top.path, m[5]);
      continue;
    }
    if (m[1]) {
      if (stack.length > 1) stack.pop();
      continue;
    }
    const [prefix, local] = m[2].includes(':') ? m[2].split(':', 2) : ['', m[2]];
    const container = prefix === 'rdf' || prefix === 'x' || prefix === '';
    const frame: Frame = container ? top : { path: [...top.path, local], prefix: top.prefix ?? prefix };
    for (const a of (m[3] ?? '').matchAll(ATTRIBUTE)) {
      if (a[1] === 'xmlns' || a[1] === 'rdf' || a[1] === 'xml' || a[1] === 'x') continue;
      emit(frame.prefix ?? a[1], [...frame.path, a[2]], a[3] ?? a[4]);
    }
    if (!m[4]) stack.push(frame);
  }
  const seen = new Set<string>();
  return out.filter((t) => !seen.has(`${t.group}:${t.tag}`) && seen.add(`${t.group}:${t.tag}`));
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
