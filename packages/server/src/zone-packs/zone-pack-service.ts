import { gzipSync } from 'node:zlib';
import type { Zone } from '@airlock/core/zone';
import {
  diffPacks,
  ENVELOPE_OVERHEAD,
  encodePayload,
  expandZones,
  makePack,
  parsePackId,
  sealPayload,
  type ZonePack,
} from '@airlock/core/zone-pack';
import type { AirspaceService } from '../airspace/index.ts';
import { HttpError } from '../http/http-error.ts';
import { packContent, tilesByCountry } from './pack-builder.ts';
import type { PackSigningKey } from './signing-key.ts';

/** Sealed bytes, and their gzip made once (a world pack is read by every device that holds it). */
export interface SealedBody {
  sealed: Uint8Array;
  gzip: Uint8Array;
}

interface Version {
  version: string;
  built: string;
  body: SealedBody;
}

export type PackAnswer =
  | { kind: 'current'; version: string }
  | { kind: 'pack' | 'delta'; version: string; body: SealedBody };

/** Versions of each pack kept for deltas: a device more than this many versions behind gets the pack. */
const HISTORY = 8;

/**
 * Builds, signs and keeps zone packs for the current datasets: one pack per (id, dataset fingerprint),
 * built on first request. Each pack keeps its last versions' sealed bytes, so a device holding one of
 * them gets a delta; the zones of an old version are read back from its own payload only to diff.
 * A version whose content did not change keeps its bytes (its build time too), whatever else changed.
 * History is per process: after a restart, or on another instance, a device gets the whole pack once.
 */
export class ZonePackService {
  private readonly current = new Map<string, { fingerprint: string; pack: Promise<ZonePack | null> }>();
  private readonly history = new Map<string, Version[]>();
  private readonly deltas = new Map<string, SealedBody>();
  private countries: { fingerprint: string; map: Map<string, string[]> } | null = null;

  constructor(
    private readonly airspace: AirspaceService,
    readonly key: PackSigningKey,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The answer for a device asking for `id` and holding `have` (or nothing). */
  async answer(id: string, have: string | undefined): Promise<PackAnswer> {
    const pack = await this.pack(id);
    const versions = this.history.get(id) ?? [];
    const head = versions.at(-1) as Version;
    if (have === pack.version) return { kind: 'current', version: pack.version };
    const old = have === undefined ? undefined : versions.find((v) => v.version === have);
    if (!old) return { kind: 'pack', version: pack.version, body: head.body };
    const key = `${id}\u0000${have}\u0000${pack.version}`;
    let body = this.deltas.get(key);
    if (!body) {
      // Its own bytes, signed here: read back without the schema check a device makes (for the world
      // pack that check is most of a minute on a busy machine; the diff needs only the zones).
      const doc = JSON.parse(new TextDecoder().decode(old.body.sealed.subarray(ENVELOPE_OVERHEAD)));
      const before = { ...pack, version: have as string, zones: expandZones(doc.sets, doc.zones) as Zone[] };
      body = await this.seal(encodePayload(diffPacks(before, pack)));
      this.deltas.set(key, body);
    }
    return { kind: 'delta', version: pack.version, body };
  }

  /** The pack for the current datasets, built (and signed) once per fingerprint. */
  private pack(id: string): Promise<ZonePack> {
    const region = parsePackId(id);
    if (!region)
      throw new HttpError(400, 'bad_pack_id', 'a pack id is world, country-XX or tile-N45E005 (5° tiles)');
    const fingerprint = this.airspace.fingerprint;
    let entry = this.current.get(id);
    if (!entry || entry.fingerprint !== fingerprint) {
      entry = { fingerprint, pack: this.build(id, fingerprint) };
      this.current.set(id, entry);
      entry.pack.catch(() => this.current.delete(id));
    }
    return entry.pack.then((p) => {
      if (!p) throw new HttpError(404, 'pack_not_found', `no zones for ${id}: there is no such pack`);
      return p;
    });
  }

  private async build(id: string, fingerprint: string): Promise<ZonePack | null> {
    const region = parsePackId(id)!;
    const index = this.airspace.index;
    const content = packContent(region, index, () => this.countryTiles(fingerprint));
    if (!content) return null;
    const zones = this.airspace.liveZones(content.zones);
    const all = await this.airspace.store.versions();
    const datasets = Object.fromEntries(
      [...new Set(zones.map((z) => z.dataset))].sort().map((d) => [d, all.get(d) ?? 'unknown']),
    );
    const versions = this.history.get(id) ?? [];
    const last = versions.at(-1);
    // Built with the last version's time first: unchanged content must keep its exact bytes.
    const draft = await makePack(
      { id, built: last?.built ?? this.now().toISOString(), datasets, ...content },
      zones,
    );
    if (last && draft.version === last.version) return draft;
    const pack = last ? { ...draft, built: this.now().toISOString() } : draft;
    versions.push({ version: pack.version, built: pack.built, body: await this.seal(encodePayload(pack)) });
    if (versions.length > HISTORY) versions.shift();
    // Deltas to the old current version are of no more use: devices are now sent deltas to this one.
    for (const k of this.deltas.keys()) if (k.startsWith(`${id}\u0000`)) this.deltas.delete(k);
    this.history.set(id, versions);
    return pack;
  }

  private async seal(payload: Uint8Array): Promise<SealedBody> {
    const sealed = await sealPayload(payload, this.key.keyId, this.key.privateKey);
    return { sealed, gzip: gzipSync(sealed, { level: 9 }) };
  }

  private countryTiles(fingerprint: string): Map<string, string[]> {
    if (this.countries?.fingerprint !== fingerprint) {
      this.countries = { fingerprint, map: tilesByCountry(this.airspace.index) };
    }
    return this.countries.map;
  }
}
