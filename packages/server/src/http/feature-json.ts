import { type Zone, zoneToFeature } from '@airlock/core';

/**
 * Each zone's GeoJSON Feature as JSON text, written once and reused: a zone shows up in every tile and
 * bounding box around it, at every zoom, and `JSON.stringify` of its coordinates was the largest part
 * of building a tile answer. Bounded (oldest out first); keyed by the zone object, so an airspace
 * rebuild (new zone objects) never reads an old text.
 */
export class FeatureJsonCache {
  private readonly texts = new Map<Zone, string>();
  constructor(private readonly capacity = 20_000) {}

  feature(zone: Zone): string {
    let text = this.texts.get(zone);
    if (text === undefined) {
      text = JSON.stringify(zoneToFeature(zone));
      this.texts.set(zone, text);
      if (this.texts.size > this.capacity) this.texts.delete(this.texts.keys().next().value as Zone);
    }
    return text;
  }

  /** The same text as `JSON.stringify(zonesToGeoJSON(zones))`. */
  featureCollection(zones: readonly Zone[]): string {
    let out = '{"type":"FeatureCollection","features":[';
    for (let i = 0; i < zones.length; i++) out += (i === 0 ? '' : ',') + this.feature(zones[i]);
    return `${out}]}`;
  }

  clear(): void {
    this.texts.clear();
  }
}
