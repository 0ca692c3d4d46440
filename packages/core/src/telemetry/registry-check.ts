import type { FieldDefinition, FieldKind, FieldRegistry, TelemetryCategory } from './field-types.ts';
import { addDays, isValidDay } from './telemetry-day.ts';

const NAME_RE = /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*$/;
const MIN_DESCRIPTION = 20;

/**
 * Every problem in a registry, as readable sentences (empty when it is sound): a field without a
 * description or a valid expiry, a duplicate, a malformed name, an empty or inconsistent bucket set.
 * The registry test asserts this is empty, so a field cannot be declared without saying why and
 * until when.
 *
 * @example
 * checkRegistry(FIELD_REGISTRY); // []
 */
export function checkRegistry(registry: FieldRegistry): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  registry.forEach((f, i) => {
    const where = `field ${i} (${f?.category}/${f?.kind}/${f?.name})`;
    if (typeof f?.name !== 'string' || !NAME_RE.test(f.name)) problems.push(`${where}: malformed name`);
    const description = typeof f?.description === 'string' ? f.description.trim() : '';
    if (description.length < MIN_DESCRIPTION)
      problems.push(`${where}: description missing or shorter than ${MIN_DESCRIPTION} characters`);
    if (typeof f?.expires !== 'string' || !isValidDay(f.expires))
      problems.push(`${where}: expiry missing or not a YYYY-MM-DD day`);
    const key = `${f?.category}/${f?.kind}/${f?.name}`;
    if (seen.has(key)) problems.push(`${where}: declared twice`);
    seen.add(key);
    const t = f?.type;
    if (!t) problems.push(`${where}: no type`);
    else if (t.type === 'buckets') {
      const b = t.buckets;
      if (b.labels.length < 2) problems.push(`${where}: bucket set ${b.id} has fewer than 2 labels`);
      if (b.upperBounds.length !== b.labels.length - 1)
        problems.push(`${where}: bucket set ${b.id} needs one bound fewer than labels`);
      if (new Set(b.labels).size !== b.labels.length) problems.push(`${where}: duplicate bucket label`);
      if (b.upperBounds.some((x, j) => j > 0 && x <= b.upperBounds[j - 1]))
        problems.push(`${where}: bucket bounds of ${b.id} are not increasing`);
    } else if (t.type === 'enum' && t.values.length === 0) problems.push(`${where}: empty enum`);
  });
  return problems;
}

/**
 * Whether a field is accepted on `today`: it stops being accepted on its expiry day.
 *
 * @example
 * isFieldLive(field, '2026-12-05'); // true until its expiry day
 */
export function isFieldLive(f: FieldDefinition, today: string): boolean {
  return today < f.expires;
}

/**
 * The declared field, live or not, or undefined when it was never declared.
 *
 * @example
 * findField(FIELD_REGISTRY, 'app_performance', 'timing', 'map.render')?.description; // 'Time to render the airspace map with its zones.'
 */
export function findField(
  registry: FieldRegistry,
  category: TelemetryCategory,
  kind: FieldKind,
  name: string,
): FieldDefinition | undefined {
  return registry.find((f) => f.category === category && f.kind === kind && f.name === name);
}

/**
 * Fields that expire within `days` of `today` (or already have): the renewal reminder. The registry
 * test fails when this is not empty for 60 days, so a review happens before data silently stops.
 *
 * @example
 * for (const f of fieldsExpiringWithin(FIELD_REGISTRY, '2027-06-01', 60)) console.warn(`${f.name} expires ${f.expires}`);
 */
export function fieldsExpiringWithin(
  registry: FieldRegistry,
  today: string,
  days: number,
): FieldDefinition[] {
  const horizon = addDays(today, days);
  return registry.filter((f) => f.expires <= horizon);
}
