/** ArduPilot custom_mode numbers per vehicle (ArduCopter/ArduPlane/Rover mode.h), as the GCS shows them. */
const COPTER: Record<number, string> = {
  0: 'STABILIZE',
  1: 'ACRO',
  2: 'ALT_HOLD',
  3: 'AUTO',
  4: 'GUIDED',
  5: 'LOITER',
  6: 'RTL',
  7: 'CIRCLE',
  9: 'LAND',
  11: 'DRIFT',
  13: 'SPORT',
  14: 'FLIP',
  15: 'AUTOTUNE',
  16: 'POSHOLD',
  17: 'BRAKE',
  18: 'THROW',
  19: 'AVOID_ADSB',
  20: 'GUIDED_NOGPS',
  21: 'SMART_RTL',
  22: 'FLOWHOLD',
  23: 'FOLLOW',
  24: 'ZIGZAG',
  25: 'SYSTEMID',
  26: 'AUTOROTATE',
  27: 'AUTO_RTL',
  28: 'TURTLE',
};
const PLANE: Record<number, string> = {
  0: 'MANUAL',
  1: 'CIRCLE',
  2: 'STABILIZE',
  3: 'TRAINING',
  4: 'ACRO',
  5: 'FBWA',
  6: 'FBWB',
  7: 'CRUISE',
  8: 'AUTOTUNE',
  10: 'AUTO',
  11: 'RTL',
  12: 'LOITER',
  13: 'TAKEOFF',
  14: 'AVOID_ADSB',
  15: 'GUIDED',
  16: 'INITIALISING',
  17: 'QSTABILIZE',
  18: 'QHOVER',
  19: 'QLOITER',
  20: 'QLAND',
  21: 'QRTL',
  22: 'QAUTOTUNE',
  23: 'QACRO',
  24: 'THERMAL',
  25: 'LOITER_ALT_QLAND',
  26: 'AUTOLAND',
};
const ROVER: Record<number, string> = {
  0: 'MANUAL',
  1: 'ACRO',
  3: 'STEERING',
  4: 'HOLD',
  5: 'LOITER',
  6: 'FOLLOW',
  7: 'SIMPLE',
  8: 'DOCK',
  9: 'CIRCLE',
  10: 'AUTO',
  11: 'RTL',
  12: 'SMART_RTL',
  15: 'GUIDED',
  16: 'INITIALISING',
};

export type ArduVehicle = 'copter' | 'plane' | 'rover' | 'unknown';

export function arduModeName(vehicle: ArduVehicle, mode: number): string {
  const table =
    vehicle === 'plane' ? PLANE : vehicle === 'rover' ? ROVER : vehicle === 'copter' ? COPTER : null;
  return table?.[mode] ?? `MODE_${mode}`;
}

/** Vehicle from a firmware banner ("ArduCopter V3.3-dev", "ArduPlane V3.8.2", "APM:Copter V3.4"). */
export function vehicleFromText(text: string): ArduVehicle | null {
  if (/ArduCopter|APM:Copter|ArduHeli/i.test(text)) return 'copter';
  if (/ArduPlane|APM:Plane|QuadPlane/i.test(text)) return 'plane';
  if (/ArduRover|APM:Rover|Ardu(Boat|Sub)/i.test(text)) return 'rover';
  return null;
}
