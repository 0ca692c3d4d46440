import type { ArduVehicle } from '../ardupilot/index.ts';

/** MAV_TYPE → a readable airframe name and the ArduPilot vehicle whose mode table applies. */
export function airframe(type: number): { name: string; vehicle: ArduVehicle } {
  switch (type) {
    case 1:
      return { name: 'Fixed wing', vehicle: 'plane' };
    case 2:
      return { name: 'Quadrotor', vehicle: 'copter' };
    case 3:
      return { name: 'Coaxial helicopter', vehicle: 'copter' };
    case 4:
      return { name: 'Helicopter', vehicle: 'copter' };
    case 10:
      return { name: 'Ground rover', vehicle: 'rover' };
    case 11:
      return { name: 'Surface boat', vehicle: 'rover' };
    case 13:
      return { name: 'Hexarotor', vehicle: 'copter' };
    case 14:
      return { name: 'Octorotor', vehicle: 'copter' };
    case 15:
      return { name: 'Tricopter', vehicle: 'copter' };
    case 19:
    case 20:
    case 21:
    case 22:
      return { name: 'VTOL', vehicle: 'plane' };
    default:
      return { name: `MAV_TYPE ${type}`, vehicle: 'unknown' };
  }
}

/** MAV_TYPE_GCS and MAV_AUTOPILOT_INVALID: heartbeats from ground stations, not the aircraft. */
export function isGroundStation(type: number, autopilot: number): boolean {
  return type === 6 || autopilot === 8;
}
