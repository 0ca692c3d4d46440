import type { ZoneCategory, ZoneReason } from '../../zone/index.ts';

interface CategoryRule {
  category: ZoneCategory;
  reason: ZoneReason;
}

const restricted: CategoryRule = { category: 'restricted', reason: 'AIR_TRAFFIC' };
const temporary: CategoryRule = { category: 'temporary', reason: 'AIR_TRAFFIC' };
const authorization: CategoryRule = { category: 'authorization', reason: 'AIR_TRAFFIC' };
const enhanced: CategoryRule = { category: 'enhanced_warning', reason: 'AIR_TRAFFIC' };
const warning: CategoryRule = { category: 'warning', reason: 'AIR_TRAFFIC' };
const unknown: CategoryRule = { category: 'warning', reason: 'OTHER' };

/**
 * AC classes (v1 used AC for types too) and AY types (v2) → category. The table in
 * docs/formats/openair.md explains each row; keep the two in step.
 */
const RULES: Record<string, CategoryRule> = {
  // No drone flight without a specific permit.
  P: restricted,
  PROHIBITED: restricted,
  R: restricted,
  RESTRICTED: restricted,
  GP: restricted,
  TSA: restricted,
  TFR: temporary,
  // Controlled or aerodrome airspace: flight needs a clearance or the operator's permission.
  A: authorization,
  B: authorization,
  C: authorization,
  D: authorization,
  CTR: authorization,
  CTA: authorization,
  TMA: authorization,
  ATZ: authorization,
  MATZ: authorization,
  HTZ: authorization,
  TIZ: authorization,
  TRA: authorization,
  ADIZ: authorization,
  // Hazards a pilot must acknowledge: live firing, low-level military flying, unexplained restrictions.
  Q: enhanced,
  DANGER: enhanced,
  WARNING: enhanced,
  MTA: enhanced,
  MTR: enhanced,
  N: enhanced,
  OFR: { category: 'enhanced_warning', reason: 'OTHER' },
  // Information only for a drone below 120 m.
  E: warning,
  F: warning,
  G: warning,
  TMZ: warning,
  RMZ: warning,
  TRZ: warning,
  W: warning,
  GSEC: warning,
  ALERT: warning,
  ASRA: warning,
  AWY: warning,
  FIR: warning,
  UIR: warning,
  FIS: warning,
  ACCSEC: warning,
  LTA: warning,
  UTA: warning,
  TIA: warning,
  TRAFR: warning,
  VFRR: warning,
  VFRSEC: warning,
};

/** Words that say nothing about the airspace; another word (AC or AY) decides when there is one. */
const UNINFORMATIVE = new Set(['UKN', 'UNC', 'UNCLASSIFIED', 'NONE', 'CUSTOM', 'OTH', 'OTHER']);
const RANK: readonly ZoneCategory[] = [
  'restricted',
  'temporary',
  'authorization',
  'enhanced_warning',
  'warning',
];

/**
 * The category and reason for a record from its AC class and AY type. v1 files put the type in AC
 * (`AC R`), v2 files split class and type (`AC D` + `AY TMA`, `AC UNC` + `AY R`), so both are read
 * and the more restrictive wins: a class G ATZ is still an aerodrome zone. Unknown or unclassified
 * values give a warning with reason OTHER rather than dropping the airspace.
 */
export function categoryFor(
  acClass: string | undefined,
  ayType: string | undefined,
): { category: ZoneCategory; reasons: ZoneReason[] } {
  const known = [acClass, ayType]
    .map((word) => word?.trim().toUpperCase() ?? '')
    .filter((word) => word !== '' && !UNINFORMATIVE.has(word))
    .map((word) => RULES[word] ?? unknown);
  const rule = known.sort((a, b) => RANK.indexOf(a.category) - RANK.indexOf(b.category))[0] ?? unknown;
  return { category: rule.category, reasons: [rule.reason] };
}
