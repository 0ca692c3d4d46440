/**
 * PX4's HEARTBEAT custom_mode (px4_custom_mode.h): main mode in bits 16–23, the AUTO sub mode in bits
 * 24–31. Named as the ULog importer names vehicle_status.nav_state, so both formats agree.
 */
const MAIN: Record<number, string> = {
  1: 'MANUAL',
  2: 'ALTCTL',
  3: 'POSCTL',
  5: 'ACRO',
  6: 'OFFBOARD',
  7: 'STAB',
  8: 'RATTITUDE',
  10: 'TERMINATION',
};
const AUTO: Record<number, string> = {
  1: 'AUTO_READY',
  2: 'AUTO_TAKEOFF',
  3: 'AUTO_LOITER',
  4: 'AUTO_MISSION',
  5: 'AUTO_RTL',
  6: 'AUTO_LAND',
  8: 'AUTO_FOLLOW_TARGET',
  9: 'AUTO_PRECLAND',
  10: 'AUTO_VTOL_TAKEOFF',
};

/** MAV_AUTOPILOT_PX4 in HEARTBEAT.autopilot. */
export const MAV_AUTOPILOT_PX4 = 12;

export function px4ModeName(customMode: number): string {
  const main = (customMode >>> 16) & 0xff;
  const sub = (customMode >>> 24) & 0xff;
  if (main === 4) return AUTO[sub] ?? `AUTO_${sub}`;
  return MAIN[main] ?? `PX4_MODE_${main}`;
}
