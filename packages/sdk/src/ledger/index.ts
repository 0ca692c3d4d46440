export { type CreateLedgerOptions, createLedger, type Ledger } from './create-ledger.ts';
export { base64Of, digestHex, type Sha256Function, utf8Bytes } from './digest.ts';
export { LEDGER_DEFAULTS, type LedgerEntry, type LedgerFilter, type LedgerOptions } from './types.ts';
