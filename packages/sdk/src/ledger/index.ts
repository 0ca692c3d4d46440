export { type CreateLedgerOptions, createLedger, type Ledger } from './create-ledger.ts';
export { LEDGER_DEFAULTS, type LedgerEntry, type LedgerFilter, type LedgerOptions } from './types.ts';
