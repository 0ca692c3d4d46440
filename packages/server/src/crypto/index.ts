export { DecryptError, open, SEAL_OVERHEAD, seal } from './aead.ts';
export { deriveMasterKey, loadMasterKey, MASTER_KEY_FILE, type MasterKey } from './master-key.ts';
export { PilotKeyError, PilotKeyring } from './pilot-keyring.ts';
