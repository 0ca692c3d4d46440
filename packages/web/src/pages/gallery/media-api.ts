import type { components } from '../../api/openapi.gen.ts';

export type MediaItem = components['schemas']['MediaItem'];

export const LICENCE_NAMES: Record<MediaItem['licence'], string> = {
  'all-rights-reserved': 'All rights reserved',
  'CC-BY-4.0': 'CC BY 4.0',
  'CC-BY-SA-4.0': 'CC BY-SA 4.0',
  'CC-BY-NC-4.0': 'CC BY-NC 4.0',
  'CC0-1.0': 'CC0 (public domain)',
};

export const REPORT_REASONS = [
  ['shows_location', 'It shows where someone lives or is'],
  ['personal_data', 'It shows a person or personal data'],
  ['copyright', 'It is not theirs to share'],
  ['offensive', 'It is offensive'],
  ['illegal', 'It shows something illegal'],
  ['spam', 'Spam or advertising'],
  ['other', 'Something else'],
] as const;

/** A title for people and screen readers: the pilot's, else what it is and when it was shared. */
export function itemTitle(item: MediaItem): string {
  return item.title ?? `${item.kind === 'video' ? 'Video' : 'Photo'} shared ${item.shared_on}`;
}
