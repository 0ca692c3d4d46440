import { type Zone, zoneToFeature } from '@airlock/core';
import { ByteLru, type Sized } from './byte-lru.ts';

interface FeatureText extends Sized {
  text: string;
}

/** Map and string headers per cached text, beside the characters. */
const OVERHEAD_BYTES = 96;

/**
 * Each zone's GeoJSON Feature as JSON text, written once and reused: a zone shows up in every tile and
 * bounding box around it, at every zoom, and `JSON.stringify` of its coordinates was the largest part
 * of building a tile answer. Held in the app's one answer budget (a ByteLru shared with the answers),
 * keyed by the zone object, so an airspace rebuild (new zone objects) never reads an old text.
 */
export class FeatureJsonCache {
  constructor(private readonly lru: ByteLru = new ByteLru(16 * 2 ** 20)) {}

  feature(zone: Zone): string {
    const hit = this.lru.get<FeatureText>(zone);
    if (hit !== undefined) return hit.text;
    const text = JSON.stringify(zoneToFeature(zone));
    // Latin-1 text is one byte a character in V8; other names make it two (then this undercounts).
    this.lru.set(zone, { text, bytes: text.length + OVERHEAD_BYTES });
    return text;
  }

  /** The same text as `JSON.stringify(zonesToGeoJSON(zones))`. */
  featureCollection(zones: readonly Zone[]): string {
    let out = '{"type":"FeatureCollection","features":[';
    for (let i = 0; i < zones.length; i++) out += (i === 0 ? '' : ',') + this.feature(zones[i]);
    return `${out}]}`;
  }
}
