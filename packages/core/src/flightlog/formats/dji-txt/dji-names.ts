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

export function appName(department: number | null, version: string): string {
  const app = department === null ? 'DJI app' : (APPS[department] ?? `DJI app ${department}`);
  return `${app} ${version}`;
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
