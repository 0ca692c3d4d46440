import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseEnglish } from '../../schema/index.ts';
import type { Applicability, Zone, ZoneReason } from '../../zone/index.ts';
import { zoneSchema } from '../../zone/index.ts';
import { createIdAllocator } from '../eurocae/index.ts';
import { orderedLimits } from '../notam/index.ts';
import { ImportCollector, ImportError, type ImportOptions, type ImportResult } from '../result.ts';
import { tfrLimit } from './tfr-limits.ts';
import { tfrGeometry } from './tfr-shape.ts';
import { tfrTime } from './tfr-time.ts';

type Xml = Record<string, unknown>;

/** 14 CFR sections TFRs are issued under (`TfrNot/codeType`), as reasons. */
const REASONS: Record<string, ZoneReason> = {
  '99.7': 'SENSITIVE',
  '91.141': 'SENSITIVE',
  '91.137': 'EMERGENCY',
  '91.138': 'EMERGENCY',
  '91.139': 'EMERGENCY',
  '91.143': 'AIR_TRAFFIC',
  '91.144': 'AIR_TRAFFIC',
  '91.145': 'AIR_TRAFFIC',
};

const list = (v: unknown): Xml[] => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]) as Xml[];
const text = (v: unknown): string | undefined =>
  v === undefined || v === null || v === '' ? undefined : String(v).trim();

/**
 * Reads FAA TFR detail XML (`XNOTAM-Update`, as tfr.faa.gov serves `detail_*.xml`): one document or
 * several concatenated. Each `Group/Add/Not` is a NOTAM; each of its `TFRAreaGroup`s becomes a
 * 'temporary' zone (one volume: the area's shape and limits) valid from `dateEffective` to
 * `dateExpire`, read in the zone `codeTimeZone` names (or an area's own `ScheduleGroup` dates).
 *
 * What it does with what it cannot read: an area without a usable shape, limit or time is skipped with
 * an issue naming the NOTAM and area; a lower limit above the upper one is swapped and noted in
 * `properties.repaired`; a `Cancel`/`Remove` block leaves no zone (the NOTAM is gone).
 *
 * @example
 * const xml = await (await fetch('https://tfr.faa.gov/download/detail_5_1234.xml')).text();
 * const { zones, issues } = parseFaaTfr(xml, { dataset: 'faa-tfr' });
 */
export function parseFaaTfr(xml: string, options: ImportOptions): ImportResult {
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });
  const docs = xml.split(/(?=<\?xml)/).filter((d) => d.trim() !== '');
  const nots: Xml[] = [];
  for (const doc of docs) {
    // The parser reads unclosed elements leniently: a truncated download must be refused, not half read.
    const valid = XMLValidator.validate(doc);
    if (valid !== true) {
      throw new ImportError({ line: valid.err.line, reason: `not well-formed XML: ${valid.err.msg}` });
    }
    const root = parser.parse(doc) as Xml;
    const update = root['XNOTAM-Update'] as Xml | undefined;
    if (!update)
      throw new ImportError({ reason: 'no <XNOTAM-Update> element: not an FAA TFR detail document' });
    for (const group of list(update.Group)) for (const add of list(group.Add)) nots.push(...list(add.Not));
  }
  const collector = new ImportCollector(options);
  const nextId = createIdAllocator(options.dataset);
  nots.forEach((not, i) => {
    const notam = text((not.NotUid as Xml | undefined)?.txtLocalName) ?? `#${i + 1}`;
    const tfr = (not.TfrNot ?? {}) as Xml;
    const groups = list(tfr.TFRAreaGroup);
    if (groups.length === 0) collector.skip({ feature: i + 1, record: notam, reason: 'no TFRAreaGroup' });
    groups.forEach((group, g) => {
      const area = (group.aseTFRArea ?? {}) as Xml;
      const areaName =
        text(area.txtName) ?? text((area.AseUid as Xml | undefined)?.codeId) ?? `area ${g + 1}`;
      const record = groups.length > 1 ? `${notam} ${areaName}` : notam;
      try {
        collector.add(
          toZone(not, tfr, group, area, { notam, areaName, record, dataset: options.dataset, nextId }),
        );
      } catch (e) {
        collector.skip({ feature: i + 1, record, reason: (e as Error).message });
      }
    });
    collector.progress(i + 1, nots.length);
  });
  return collector.result();
}

interface Naming {
  notam: string;
  areaName: string;
  record: string;
  dataset: string;
  nextId: (s: string) => string;
}

function toZone(not: Xml, tfr: Xml, group: Xml, area: Xml, n: Naming): Zone {
  const { geometry, from } = tfrGeometry(group);
  const limits = orderedLimits(
    tfrLimit(
      text(area.codeDistVerLower),
      text(area.valDistVerLower) ?? '0',
      text(area.uomDistVerLower),
      'Lower',
    ),
    tfrLimit(text(area.codeDistVerUpper), text(area.valDistVerUpper), text(area.uomDistVerUpper), 'Upper'),
  );
  const applicability = validity(not, area);
  const cfr = text(tfr.codeType);
  const city = list(not.AffLocGroup)
    .map((l) => [text(l.txtNameCity), text(l.txtNameUSState)].filter(Boolean).join(', '))
    .filter(Boolean);
  const purpose = text(not.txtDescrPurpose);
  const zone: Zone = {
    id: n.nextId(n.record.replace(/\s+/g, '_')),
    name: `TFR ${n.record}${city[0] ? ` ${city[0]}` : ''}`.slice(0, 200),
    country: 'US',
    category: 'temporary',
    reasons: [REASONS[cfr?.replace(/\(.*$/, '') ?? ''] ?? 'OTHER'],
    volumes: [{ geometry, lower: limits.lower, upper: limits.upper }],
    applicability,
    message: (text(not.txtDescrTraditional) ?? purpose)?.slice(0, 10_000),
    source: 'faa-tfr',
    licence: '',
    dataset: n.dataset,
    properties: {
      notam: n.notam,
      area: n.areaName,
      ...(cfr ? { cfr } : {}),
      ...(purpose ? { purpose } : {}),
      ...(text(not.codeFacility) ? { facility: text(not.codeFacility) } : {}),
      ...(text(not.codeTimeZone) ? { timeZone: text(not.codeTimeZone) } : {}),
      ...(city.length ? { locations: city } : {}),
      shape: from,
      ...(limits.repaired ? { repaired: limits.repaired } : {}),
    },
  };
  return parseEnglish(zoneSchema, zone) as Zone;
}

/** The area's own ScheduleGroup dates when it has them, else the NOTAM's; open-ended without an expiry. */
function validity(not: Xml, area: Xml): Applicability[] {
  const zone = text(not.codeTimeZone);
  const expZone = text(not.codeExpirationTimeZone) ?? zone;
  const schedules = list(area.ScheduleGroup).filter((s) => text(s.dateEffective));
  const windows = schedules.length
    ? schedules.map((s) => ({
        from: text(s.dateEffective),
        to: text(s.dateExpire),
        tz: text(s.codeTimeZone),
      }))
    : [{ from: text(not.dateEffective), to: text(not.dateExpire), tz: undefined }];
  return windows.map((w) => {
    if (!w.from) throw new RangeError('no dateEffective');
    const start = tfrTime(w.from, w.tz ?? zone, 'dateEffective');
    if (!w.to) return { permanent: false, start };
    const end = tfrTime(w.to, w.tz ?? expZone, 'dateExpire');
    if (end <= start) throw new RangeError(`dateExpire ${w.to} is not after dateEffective ${w.from}`);
    return { permanent: false, start, end };
  });
}
