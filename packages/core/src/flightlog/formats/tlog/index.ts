export { type MavFrame, readTlog, type TlogFile } from './read-tlog.ts';
export { parseTlog } from './tlog-to-flight.ts';
export { mavlinkCrc } from './x25-crc.ts';
