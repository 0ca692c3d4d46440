export {
  bearingDeg,
  circleRing,
  destination,
  distanceM,
  distanceToSegmentM,
  distanceToSegmentVec,
  EARTH_RADIUS_M,
  segmentsForChordError,
  wrapLon,
} from './sphere.ts';
