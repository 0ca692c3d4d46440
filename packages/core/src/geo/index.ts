export {
  EARTH_RADIUS_M,
  bearingDeg,
  circleRing,
  destination,
  distanceM,
  distanceToSegmentM,
  distanceToSegmentVec,
  segmentsForChordError,
  wrapLon,
} from './sphere.ts';
