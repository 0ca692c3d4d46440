export { type DfField, type DfFormat, numericReader, readerFor } from './dataflash-format.ts';
export { isDataFlashText, parseDataFlash } from './dataflash-to-flight.ts';
export {
  type DataFlashFile,
  type DfHandler,
  type ReadDataFlashOptions,
  readDataFlash,
} from './read-dataflash.ts';
export { type FieldUnit, readDataFlashUnits } from './read-units.ts';
