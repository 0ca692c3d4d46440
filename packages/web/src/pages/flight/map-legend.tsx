import { RAMP } from './track-geometry.ts';
import type { ZonesAnswer } from './zones.ts';

const n0 = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0, signDisplay: 'negative' });

/** The altitude colours of the track, low to high, in metres above take-off. */
export function MapLegend({ range }: { range: [number, number] | null }) {
  if (!range) return <p class="legend">The log has no altitude: the track is drawn in one colour.</p>;
  return (
    <p class="legend">
      <span>{n0.format(range[0])} m</span>
      <span class="ramp" aria-hidden="true">
        {RAMP.map((c) => (
          <span key={c} style={{ background: c }} />
        ))}
      </span>
      <span>{n0.format(range[1])} m above take-off</span>
    </p>
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
