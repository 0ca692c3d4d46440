export {
  type ReadULogOptions,
  readULog,
  type ULogDataHandler,
  type ULogFile,
  type ULogLogged,
  type ULogSubscription,
} from './read-ulog.ts';
export { parseULog } from './ulog-to-flight.ts';
