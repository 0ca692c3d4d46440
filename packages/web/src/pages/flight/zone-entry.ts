import type { Feature, Position } from 'geojson';

/**
 * Which zones the track entered, seen from above: a logged position inside the zone's area. Vertical
 * limits are not compared (a flight under a zone's floor is still listed), so the console says
 * "crossed the area of" and leaves the airspace verdict to the location checks.
 */
export function zonesCrossed(zones: Feature[], lines: Position[][]): boolean[] {
  const points = lines.flat();
  return zones.map((z) => {
    const polygons =
      z.geometry.type === 'Polygon'
        ? [z.geometry.coordinates]
        : z.geometry.type === 'MultiPolygon'
          ? z.geometry.coordinates
          : [];
    return polygons.some((rings) => points.some((p) => inPolygon(p, rings)));
  });
}

/** Inside the outer ring and outside every hole (even-odd ray casting, lon/lat as plane coordinates). */
export function inPolygon([x, y]: Position, rings: Position[][]): boolean {
  let inside = false;
  for (const ring of rings)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  return inside;
}
