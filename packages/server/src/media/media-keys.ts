/** Where an item's bytes live in the media store: under its pilot, so an account deletion finds them. */
export const pilotPrefix = (pilotId: string) => `pilots/${pilotId}/`;
export const itemPrefix = (pilotId: string, id: string) => `${pilotPrefix(pilotId)}media/${id}/`;
export const fileKey = (pilotId: string, id: string, ext: string) => `${itemPrefix(pilotId, id)}file.${ext}`;
export const thumbnailKey = (pilotId: string, id: string) => `${itemPrefix(pilotId, id)}thumbnail.webp`;

/** The item id in a key of this store, or null. */
export function itemOfKey(key: string): { prefix: string; id: string } | null {
  const m = /^(pilots\/[^/]+\/media\/([0-9a-f-]{36})\/)/.exec(key);
  return m ? { prefix: m[1], id: m[2] } : null;
}
