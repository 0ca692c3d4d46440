import type { FlightTrack } from '../../api/client.ts';

const W = 640;
const H = 400;

/**
 * The shared track as a plain outline (no map under it): an 'offset' track sits over the wrong
 * ground on purpose, so tiles or airspace zones beneath it would only mislead.
 */
export function SharedTrack({ track }: { track: FlightTrack }) {
  const lines = track.features.flatMap((f) => {
    if (f.properties.kind !== 'track') return [];
    const g = f.geometry;
    if (g.type === 'MultiLineString') return g.coordinates;
    return g.type === 'LineString' ? [g.coordinates] : [[g.coordinates]];
  });
  const all = lines.flat();
  if (all.length === 0) return <p>No part of the track is far enough from take-off and landing to show.</p>;
  const lons = all.map((c) => c[0]);
  const lats = all.map((c) => c[1]);
  const [x0, x1, y0, y1] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  // Equirectangular, shrunk in longitude by the cosine of the latitude so that the shape is true.
  const kx = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const span = Math.max((x1 - x0) * kx, y1 - y0, 1e-9);
  const scale = (Math.min(W, H) - 20) / span;
  const xy = (c: number[]) =>
    `${(10 + (c[0] - x0) * kx * scale).toFixed(1)},${(H - 10 - (c[1] - y0) * scale).toFixed(1)}`;
  const across = span * 111_195;
  const metres = across < 100 ? Math.round(across) : Math.round(across / 10) * 10;
  return (
    <figure class="shared-track">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Track outline, about ${metres} m across`}>
        {lines.map((l, i) => (
          <polyline key={i} points={l.map(xy).join(' ')} fill="none" stroke="#1f6feb" stroke-width="2" />
        ))}
      </svg>
      <figcaption>Track outline, about {metres} m across (north is up)</figcaption>
    </figure>
  );
}
