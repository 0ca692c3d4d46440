export { isZoneActive, isZoneActiveWithin } from './activity.ts';
export type { PositionAssessment, PositionQuery, ZoneHit } from './assess.ts';
export { assessPosition, heightAboveGround } from './assess.ts';
export type { BBox } from './bbox.ts';
export { bboxesIntersect, growBBox, splitAtAntimeridian, tileBBox } from './bbox.ts';
export type { PreparedPart } from './prepared-shape.ts';
export { boundaryDistance, partContains, partDistance, prepareGeometry } from './prepared-shape.ts';
export type { NearbyZone } from './zone-index.ts';
export { MAX_NEAR_RADIUS_M, volumeLimitsM, ZoneIndex } from './zone-index.ts';
