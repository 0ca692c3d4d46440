import { ZONE_REASONS, type ZoneReason } from '../../zone/index.ts';

const KNOWN = new Set<string>(ZONE_REASONS);

/**
 * ED-269 / ED-318 reason codes, kept verbatim; anything else becomes OTHER rather than rejecting a
 * zone over an informational field. The unknown codes are returned so callers can keep them.
 */
export function mapReasons(raw: unknown): { reasons: ZoneReason[]; unknown: string[] } {
  const list = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  const reasons: ZoneReason[] = [];
  const unknown: string[] = [];
  for (const item of list) {
    const code = String(item).trim().toUpperCase();
    const reason = (KNOWN.has(code) ? code : 'OTHER') as ZoneReason;
    if (!KNOWN.has(code)) unknown.push(String(item));
    if (!reasons.includes(reason)) reasons.push(reason);
  }
  return { reasons, unknown };
}
