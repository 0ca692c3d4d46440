/**
 * What an observer of the requests can infer: each request becomes a reported point, and a set of
 * linked reports becomes one estimate of the true position.
 */
import { cellCentre } from '../cell-grid.ts';
import { CELL_PATH_PREFIX, type LocationRequest, NEAR_PATH } from '../location-requests.ts';
import { localProjection } from './local-projection.ts';
import { minimumEnclosingCircle } from './minimum-enclosing-circle.ts';

type LonLat = [lon: number, lat: number];

/**
 * The point a request reveals: the offset point of a `near` request, the centre of a cell request.
 *
 * @example
 * reportedPoint({ method: 'GET', path: '/v1/location/cells/694.597' }); // [2.288…, 48.9]
 */
export function reportedPoint(request: LocationRequest): LonLat {
  if (request.path.startsWith(CELL_PATH_PREFIX))
    return cellCentre(request.path.slice(CELL_PATH_PREFIX.length));
  if (request.path.startsWith(`${NEAR_PATH}?`)) {
    const query = new URLSearchParams(request.path.slice(NEAR_PATH.length + 1));
    const lon = Number(query.get('lon'));
    const lat = Number(query.get('lat'));
    if (Number.isFinite(lon) && Number.isFinite(lat)) return [lon, lat];
  }
  throw new Error(`reportedPoint: not a location request path: ${request.path}`);
}

/** Mean of the reports in the plane around the first report (the averaging attack). */
export function estimateByAverage(points: readonly LonLat[]): LonLat {
  if (points.length === 0) throw new Error('estimateByAverage: no points');
  const projection = localProjection(points[0][0], points[0][1]);
  let sx = 0;
  let sy = 0;
  for (const [lon, lat] of points) {
    const [x, y] = projection.toPlane(lon, lat);
    sx += x;
    sy += y;
  }
  return projection.toSphere(sx / points.length, sy / points.length);
}

/** Centre of the smallest circle around the reports (the enclosing-circle attack). */
export function estimateByEnclosingCircle(points: readonly LonLat[]): LonLat {
  if (points.length === 0) throw new Error('estimateByEnclosingCircle: no points');
  const projection = localProjection(points[0][0], points[0][1]);
  const circle = minimumEnclosingCircle(points.map(([lon, lat]) => projection.toPlane(lon, lat)));
  return projection.toSphere(circle.x, circle.y);
}
