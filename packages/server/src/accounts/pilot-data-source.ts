/**
 * Something that holds data about a pilot apart from the account rows (flight logs, later shared media).
 * The account service asks each one for its part of the export and to erase it on account deletion,
 * so a new capability cannot forget either.
 */
export interface PilotDataSource {
  /** Section name in the export. */
  readonly name: string;
  /** Everything this source holds about the pilot, readable (decrypted with the pilot's key). */
  exportFor(pilotId: string, key: Buffer): Promise<unknown>;
  /**
   * Called after the pilot's rows and data key are gone: removes what is left (blobs, staged uploads).
   * Anything it misses is already unreadable.
   */
  eraseFor(pilotId: string): Promise<void>;
}
