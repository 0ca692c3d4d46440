export { categoryPathMismatch } from './category-paths.ts';
export type { ChoiceState, ConsentEvent, ConsentState } from './consent-state.ts';
export {
  type CategorySetting,
  type Consent,
  type ConsentOptions,
  createConsent,
  type PrivacySettings,
  type SetResult,
  type SettingsChange,
  type SettingsListener,
} from './create-consent.ts';
export {
  type CategoryControl,
  type CategoryPolicy,
  CONSENT_PROFILES,
  type ConsentProfile,
  isSwitchable,
  PRIVACY_DEFAULTS,
  SWITCHABLE_CATEGORIES,
  type SwitchableCategory,
} from './privacy-defaults.ts';
