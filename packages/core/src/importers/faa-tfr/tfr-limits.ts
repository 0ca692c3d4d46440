import type { AltitudeLimit } from '../../zone/index.ts';

/**
 * One vertical limit of an `aseTFRArea` (AIXM 4.5 codes): `codeDistVer…` HEI = height above ground,
 * ALT = altitude above mean sea level, STD = flight level; `uomDistVer…` FT, FL or M. A value in FL
 * is a flight level whatever the code says ("ALT 180 FL" is FL180, as the FAA writes it).
 */
export function tfrLimit(
  code: string | undefined,
  value: string | undefined,
  uom: string | undefined,
  which: string,
): AltitudeLimit {
  const v = (value ?? '').trim();
  const u = (uom ?? 'FT').trim().toUpperCase();
  const c = (code ?? 'ALT').trim().toUpperCase();
  if (/^UNL(TD|IMITED)?$/i.test(v)) return { value: null, unit: 'm', reference: 'AMSL' };
  if (!/^\d+(\.\d+)?$/.test(v))
    throw new RangeError(`valDistVer${which} "${v.slice(0, 20)}" is not a number`);
  const n = Number(v);
  if (u === 'FL' || c === 'STD')
    return { value: u === 'FL' ? n : Math.round(n / 100), unit: 'FL', reference: 'STD' };
  if (u !== 'FT' && u !== 'M') throw new RangeError(`uomDistVer${which} "${u}" is not FT, FL or M`);
  if (c !== 'HEI' && c !== 'ALT' && c !== 'MSL' && c !== 'W84')
    throw new RangeError(`codeDistVer${which} "${c}" is not HEI, ALT or STD`);
  return { value: n, unit: u === 'FT' ? 'ft' : 'm', reference: c === 'HEI' ? 'AGL' : 'AMSL' };
}
