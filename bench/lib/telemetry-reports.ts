import { utcDay } from '@airlock/core';
import { busyReport } from '../../packages/server/src/testing/test-reports.ts';

/**
 * 64 distinct app_performance reports of 20 events (4 app versions, 8 devices, event mixes, one error
 * in five events; ~1.7 KiB each), as a fleet of apps would send them: the ingest benches cycle them.
 */
export function reportBodies(): string[] {
  const today = utcDay();
  const devices = [
    'Pixel 8',
    'Pixel 7a',
    'SM-S918B',
    'iPhone15,2',
    'iPhone14,5',
    'CPH2449',
    'XQ-DQ54',
    'moto g54',
  ];
  return Array.from({ length: 64 }, (_, i) => {
    const r = busyReport(today, 20);
    const os = devices[i % 8].startsWith('iPhone') ? 'ios' : 'android';
    r.context = {
      app_version: `2.${i % 4}.0`,
      os,
      os_version: os === 'ios' ? '17.5' : '14',
      device_model: devices[i % 8],
    };
    r.events = [...r.events.slice(i % 5), ...r.events.slice(0, i % 5)];
    return JSON.stringify(r);
  });
}
