/** DJI product_type numbers → model names (the aircraft the user owns, never its serial or given name). */
const PRODUCTS: Record<number, string> = {
  1: 'Inspire 1',
  2: 'Phantom 3 Standard',
  3: 'Phantom 3 Advanced',
  4: 'Phantom 3 Pro',
  5: 'Osmo',
  6: 'Matrice 100',
  7: 'Phantom 4',
  8: 'Lightbridge 2',
  9: 'Inspire 1 Pro',
  10: 'A3',
  11: 'Matrice 600',
  12: 'Phantom 3 4K',
  13: 'Mavic Pro',
  14: 'Zenmuse XT',
  15: 'Inspire 1 RAW',
  16: 'A2',
  17: 'Inspire 2',
  18: 'Osmo Pro',
  19: 'Osmo Raw',
  20: 'Osmo+',
  21: 'Mavic',
  22: 'Osmo Mobile',
  23: 'Orange CV600',
  24: 'Phantom 4 Pro',
  25: 'N3 FC',
  26: 'Spark',
  27: 'Matrice 600 Pro',
  28: 'Phantom 4 Advanced',
  29: 'Phantom 3 SE',
  30: 'AG405',
  31: 'Matrice 200',
  33: 'Matrice 210',
  34: 'Matrice 210 RTK',
  38: 'Mavic Air',
  42: 'Mavic 2',
  44: 'Phantom 4 Pro V2',
  46: 'Phantom 4 RTK',
  57: 'Phantom 4 Multispectral',
  58: 'Mavic 2 Enterprise',
  59: 'Mavic Mini',
  60: 'Matrice 200 V2',
  61: 'Matrice 210 V2',
  62: 'Matrice 210 RTK V2',
  67: 'Mavic Air 2',
  70: 'Matrice 300 RTK',
  73: 'DJI FPV',
  75: 'Air 2S',
  76: 'Mini 2',
  77: 'Mavic 3',
  96: 'Mini SE',
  103: 'Mini 3 Pro',
  111: 'Mavic 3 Pro',
  113: 'Mini 2 SE',
  116: 'Matrice 30',
  118: 'Mavic 3 Enterprise',
  121: 'Avata',
  126: 'Mini 4 Pro',
  152: 'Avata 2',
  170: 'Matrice 350 RTK',
};

export function productName(type: number): string | null {
  if (type === 0) return null;
  return `DJI ${PRODUCTS[type] ?? `product ${type}`}`;
}

/** Which app wrote the record (the "department" of the version block). */
const APPS: Record<number, string> = {
  1: 'DJI SDK',
  2: 'DJI GO',
  3: 'DJI Fly',
  4: 'DJI Agras',
  5: 'DJI Terra',
  6: 'DJI Goggles',
  7: 'DJI Pilot',
  8: 'DJI GS Pro',
};

/** "DJI Fly 1.4.8"; the version is unknown when the details block is missing. */
export function appName(department: number | null, version: string | null): string {
  const app = department === null ? 'DJI app' : (APPS[department] ?? `DJI app ${department}`);
  return version === null ? app : `${app} ${version}`;
}

export const DJI_FLY = 3;
export const DJI_PILOT = 7;

const RECORDS: Record<number, string> = {
  1: 'OSD',
  2: 'Home',
  3: 'Gimbal',
  4: 'RC',
  5: 'Custom',
  6: 'Deform',
  7: 'CenterBattery',
  8: 'SmartBattery',
  9: 'AppTip',
  10: 'AppWarn',
  11: 'RCGPS',
  13: 'Recover',
  14: 'AppGPS',
  15: 'Firmware',
  19: 'MCParams',
  22: 'SmartBatteryGroup',
  24: 'AppSeriousWarn',
  25: 'Camera',
  33: 'VirtualStick',
  40: 'ComponentSerial',
  49: 'OFDM',
  50: 'KeyStorageRecover',
  56: 'KeyStorage',
  62: 'RCDisplayField',
};

export function recordName(type: number): string {
  return RECORDS[type] ?? `record_${type}`;
}

/**
 * OSD flight modes, named as DJI's CSV export (Airdata) names them where known (10, 33, 41 and 6 are
 * seen in its flycState column beside flycStateRaw), else as the DJI app shows them.
 */
const FLIGHT_MODES: Record<number, string> = {
  0: 'Manual',
  1: 'Atti',
  2: 'Atti_CourseLock',
  3: 'Atti_Hover',
  4: 'Hover',
  5: 'GPS_Blake',
  6: 'P-GPS',
  7: 'CourseLock',
  8: 'HomeLock',
  9: 'HotPoint',
  10: 'Assisted_Takeoff',
  11: 'Auto_Takeoff',
  12: 'Auto_Landing',
  13: 'Atti_Landing',
  14: 'Waypoint',
  15: 'Go_Home',
  16: 'Click_Go',
  17: 'Joystick',
  19: 'Cinematic',
  23: 'Atti_Limited',
  24: 'Draw',
  25: 'Follow_Me',
  26: 'ActiveTrack',
  27: 'TapFly',
  28: 'Pano',
  29: 'Farming',
  30: 'FPV',
  31: 'Sport',
  32: 'Novice',
  33: 'Confirm_Landing',
  35: 'Terrain_Tracking',
  38: 'Tripod',
  39: 'TrackHeadlock',
  41: 'Motors_Started',
  43: 'Gentle',
};

export function flightModeName(mode: number): string {
  return FLIGHT_MODES[mode] ?? `mode_${mode}`;
}
