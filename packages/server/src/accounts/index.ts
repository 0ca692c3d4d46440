export { AccountError, type AccountErrorCode } from './account-error.ts';
export {
  type AccountOptions,
  AccountService,
  type Pilot,
  type PilotSession,
} from './account-service.ts';
export { normaliseEmail, PASSWORD_MAX, PASSWORD_MIN } from './credentials.ts';
export type { PilotDataSource } from './pilot-data-source.ts';
