import { readerFor, readString } from './dataflash-format.ts';
import { readDataFlash } from './read-dataflash.ts';

export interface FieldUnit {
  /** Unit label from the UNIT table, e.g. "m", "m/s", "deglatitude"; null when '-' (none) or unknown. */
  unit: string | null;
  /** Multiplier from the MULT table; null when '-' or '?' (none or already applied by the type char). */
  multiplier: number | null;
}

/**
 * Units and multipliers of every field, from the FMTU/UNIT/MULT records newer logs (ArduPilot ≥ 3.6)
 * carry. Old TimeMS-layout logs have none: the map is empty and fields follow the documented
 * conventions. The importer itself does not need these (it reads named fields with known units); they
 * label the message browser and let checks catch a firmware that changed a unit.
 * @example readDataFlashUnits(bytes).get('GPS')?.get('Alt') // { unit: 'm', multiplier: … }
 */
export function readDataFlashUnits(bytes: Uint8Array): Map<string, Map<string, FieldUnit>> {
  const units = new Map<string, string>();
  const mults = new Map<string, number>();
  const fmtu: { type: number; unitIds: string; multIds: string }[] = [];
  const file = readDataFlash(bytes, {
    subscribe(f) {
      const u8 = (v: DataView) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      const field = (name: string) => f.byName.get(name);
      if (f.name === 'UNIT') {
        const id = readerFor(f, 'Id');
        const label = field('Label');
        if (!(id && label)) return undefined;
        return (v, r) => units.set(String.fromCharCode(id(v, r)), readString(u8(v), r + label.offset, 64));
      }
      if (f.name === 'MULT') {
        const id = readerFor(f, 'Id');
        const mult = readerFor(f, 'Mult');
        if (!(id && mult)) return undefined;
        return (v, r) => mults.set(String.fromCharCode(id(v, r)), mult(v, r));
      }
      if (f.name === 'FMTU') {
        const type = readerFor(f, 'FmtType');
        const ui = field('UnitIds');
        const mi = field('MultIds');
        if (!(type && ui && mi)) return undefined;
        return (v, r) =>
          fmtu.push({
            type: type(v, r),
            unitIds: readString(u8(v), r + ui.offset, ui.char === 'N' ? 16 : 64),
            multIds: readString(u8(v), r + mi.offset, mi.char === 'N' ? 16 : 64),
          });
      }
      return undefined;
    },
  });
  const out = new Map<string, Map<string, FieldUnit>>();
  for (const { type, unitIds, multIds } of fmtu) {
    const format = file.formats.get(type);
    if (!format) continue;
    const fields = new Map<string, FieldUnit>();
    format.fields.forEach((f, i) => {
      const u = unitIds[i];
      const m = multIds[i];
      fields.set(f.name, {
        unit: u && u !== '-' ? (units.get(u) ?? null) : null,
        multiplier: m && m !== '-' && m !== '?' ? (mults.get(m) ?? null) : null,
      });
    });
    out.set(format.name, fields);
  }
  return out;
}
