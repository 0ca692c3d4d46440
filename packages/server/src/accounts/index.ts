export { AccountError, type AccountErrorCode } from './account-error.ts';
export {
  type AccountOptions,
  AccountService,
  type Pilot,
  type PilotSession,
} from './account-service.ts';
export { type ClientLimitSettings, ClientLimits } from './client-limits.ts';
export { normaliseEmail, PASSWORD_MAX, PASSWORD_MIN, textProblem } from './credentials.ts';
export { eraseResidue } from './erase-residue.ts';
export type { HashGateLimits } from './password-hasher.ts';
export type { PilotDataSource } from './pilot-data-source.ts';
