import { modeColour } from './flight-modes.ts';
import type { ColourBy, ColourChoice } from './track-colour.ts';
import { RAMP } from './track-geometry.ts';
import type { ZonesAnswer } from './zones.ts';

const n0 = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0, signDisplay: 'negative' });

interface LegendProps {
  choices: ColourChoice[];
  colourBy: ColourBy;
  range: [number, number] | null;
  onChange: (key: ColourBy) => void;
  /** The flight's modes, each once, in the order their colours are given. */
  modeNames?: string[];
}

/**
 * What the track is coloured by, and its colours low to high. Choices the flight's data cannot answer
 * stay in the list, switched off, with the reason beside their name.
 */
export function MapLegend({ choices, colourBy, range, onChange, modeNames = [] }: LegendProps) {
  const chosen = choices.find((c) => c.key === colourBy) ?? choices[0];
  return (
    <div class="legend">
      <label>
        Colour the track by{' '}
        <select
          value={colourBy}
          onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value as ColourBy)}
        >
          {choices.map((c) => (
            <option key={c.key} value={c.key} disabled={c.absent !== undefined}>
              {c.absent ? `${c.label} (off: ${c.absent})` : c.label}
            </option>
          ))}
        </select>
      </label>
      {colourBy === 'mode' && modeNames.length > 0 ? (
        <ul class="modes" aria-label="Flight mode colours">
          {modeNames.map((m, i) => (
            <li key={m}>
              <span class="mode-swatch" style={{ background: modeColour(i) }} />
              {m}
            </li>
          ))}
        </ul>
      ) : range ? (
        <>
          <span>
            {n0.format(range[0])} {chosen.unit}
          </span>
          <span class="ramp" aria-hidden="true">
            {RAMP.map((c) => (
              <span key={c} style={{ background: c }} />
            ))}
          </span>
          <span>
            {n0.format(range[1])} {chosen.unit}
          </span>
        </>
      ) : (
        <span>No {chosen.label.toLowerCase()} in the log: the track is drawn in one colour.</span>
      )}
    </div>
  );
}

/** The zones drawn under the track, named (the map itself has no labels: they would need fonts). */
export function ZoneList({ zones }: { zones: ZonesAnswer | null }) {
  if (!zones) return null;
  if ('note' in zones) return <p class="hint">{zones.note}</p>;
  if (zones.zones.length === 0)
    return <p class="hint">No airspace zones from this server's datasets near the track.</p>;
  const crossed = zones.zones.filter((z) => z.crossed).length;
  return (
    <details class="zones" open={crossed > 0}>
      <summary>
        {zones.zones.length} airspace zone{zones.zones.length === 1 ? '' : 's'} near the track
        {crossed > 0 && `, ${crossed} crossed (drawn stronger)`}
      </summary>
      <ul>
        {zones.zones.map((z) => (
          <li key={z.id}>
            <strong>{z.name}</strong> <span class="sub">{z.category}</span>{' '}
            <span class="sub">
              {z.lower} – {z.upper}
            </span>
            {z.crossed && (
              <span class="crossed"> the track passed over its area (altitude not compared)</span>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
