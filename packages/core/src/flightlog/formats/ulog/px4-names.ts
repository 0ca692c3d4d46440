/** PX4 vehicle_status.nav_state values (msg/VehicleStatus.msg), named as QGroundControl shows them. */
const NAV_STATES: Record<number, string> = {
  0: 'MANUAL',
  1: 'ALTCTL',
  2: 'POSCTL',
  3: 'AUTO_MISSION',
  4: 'AUTO_LOITER',
  5: 'AUTO_RTL',
  6: 'AUTO_RCRECOVER',
  7: 'AUTO_RTGS',
  8: 'AUTO_LANDENGFAIL',
  9: 'AUTO_LANDGPSFAIL',
  10: 'ACRO',
  11: 'UNUSED',
  12: 'DESCEND',
  13: 'TERMINATION',
  14: 'OFFBOARD',
  15: 'STAB',
  16: 'RATTITUDE',
  17: 'AUTO_TAKEOFF',
  18: 'AUTO_LAND',
  19: 'AUTO_FOLLOW_TARGET',
  20: 'AUTO_PRECLAND',
  21: 'ORBIT',
  22: 'AUTO_VTOL_TAKEOFF',
};

export function navStateName(n: number): string {
  return NAV_STATES[n] ?? `NAV_STATE_${n}`;
}

/** "PX4 v1.14.0" from ver_sw_release (0xMMmmppTT), else the short git hash of ver_sw. */
export function px4AppName(info: Map<string, string | number>): string | null {
  const sys = typeof info.get('sys_name') === 'string' ? (info.get('sys_name') as string) : 'PX4';
  const release = info.get('ver_sw_release');
  if (typeof release === 'number' && release > 0) {
    const major = (release >>> 24) & 0xff;
    const minor = (release >>> 16) & 0xff;
    const patch = (release >>> 8) & 0xff;
    const type = release & 0xff;
    const suffix =
      type === 255
        ? ''
        : type >= 192
          ? ' (RC)'
          : type >= 128
            ? ' (beta)'
            : type >= 64
              ? ' (alpha)'
              : ' (dev)';
    return `${sys} v${major}.${minor}.${patch}${suffix}`;
  }
  const sw = info.get('ver_sw');
  return typeof sw === 'string' && sw.length > 0 ? `${sys} ${sw.slice(0, 8)}` : null;
}
