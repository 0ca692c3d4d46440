import { MAVLINK_MESSAGES } from './mavlink-messages.ts';

/**
 * Ids of the messages we decode. Names and CRC_EXTRA of all messages come from the table generated
 * from the MAVLink definitions (common, minimal, ardupilotmega) by scripts/build-mavlink-messages.ts.
 */
export const MSG = {
  HEARTBEAT: 0,
  SYS_STATUS: 1,
  SYSTEM_TIME: 2,
  PARAM_VALUE: 22,
  GPS_RAW_INT: 24,
  ATTITUDE: 30,
  GLOBAL_POSITION_INT: 33,
  RC_CHANNELS_RAW: 35,
  RC_CHANNELS: 65,
  VFR_HUD: 74,
  BATTERY_STATUS: 147,
  CAMERA_FEEDBACK: 180,
  STATUSTEXT: 253,
} as const;

/** CRC_EXTRA of every message in the generated table: each frame of a known id is checked. */
export function crcExtra(id: number): number | undefined {
  return MAVLINK_MESSAGES[id]?.[1];
}

export function messageName(id: number): string {
  return MAVLINK_MESSAGES[id]?.[0] ?? `MSG_${id}`;
}
