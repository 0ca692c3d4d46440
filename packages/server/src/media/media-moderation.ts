import type { Database } from '../storage/index.ts';
import { hidden } from './media-error.ts';
import type { MediaService } from './media-service.ts';
import { type MediaView, toView } from './media-view.ts';

/** Why an item is reported; the operator reads these, never who reported. */
export const REPORT_REASONS = [
  'shows_location',
  'personal_data',
  'copyright',
  'offensive',
  'illegal',
  'spam',
  'other',
] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const DECISIONS = ['hide', 'restore', 'dismiss', 'remove'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface QueueEntry {
  item: MediaView;
  reports: Array<{ reason: ReportReason; note: string | null; reported_on: string }>;
}

/**
 * Reports on shared items and the operator's decisions. A hide is one UPDATE of the item's row, and
 * every public read looks at that row first: the item is unavailable on every route from that moment
 * (file, ranged reads and revalidations included: the file's answers are `no-cache`).
 */
export class MediaModeration {
  constructor(
    private readonly db: Database,
    private readonly media: MediaService,
  ) {}

  /** False when there is no such item. A second report by the same pilot replaces the first. */
  async report(pilotId: string, itemId: string, reason: ReportReason, note: string | null): Promise<boolean> {
    const row = await this.media.rows.get(itemId);
    if (!row) return false;
    if (row.hidden_at) throw hidden();
    await this.db.query(
      `INSERT INTO media_reports (item_id, reporter_id, reason, note) VALUES ($1, $2, $3, $4)
       ON CONFLICT (item_id, reporter_id) DO UPDATE
         SET reason = excluded.reason, note = excluded.note, reported_at = excluded.reported_at,
             resolved_at = NULL`,
      [itemId, pilotId, reason, note],
    );
    return true;
  }

  /** Items with open reports, the longest-waiting first. */
  async queue(limit: number): Promise<QueueEntry[]> {
    const { rows } = await this.db.query<{ item_id: string }>(
      `SELECT item_id FROM media_reports WHERE resolved_at IS NULL
       GROUP BY item_id ORDER BY min(reported_at), item_id LIMIT $1`,
      [limit],
    );
    const entries: QueueEntry[] = [];
    for (const { item_id } of rows) {
      const item = await this.media.rows.get(item_id);
      if (!item) continue; // deleted by its owner meanwhile: its reports went with it
      const reports = await this.db.query<{ reason: ReportReason; note: string | null; reported_at: Date }>(
        `SELECT reason, note, reported_at FROM media_reports WHERE item_id = $1 AND resolved_at IS NULL
         ORDER BY reported_at`,
        [item_id],
      );
      entries.push({
        item: toView(item),
        reports: reports.rows.map((r) => ({
          reason: r.reason,
          note: r.note,
          reported_on: r.reported_at.toISOString().slice(0, 10),
        })),
      });
    }
    return entries;
  }

  /** False when there is no such item. Every decision closes the item's open reports. */
  async decide(itemId: string, decision: Decision): Promise<boolean> {
    if (decision === 'remove') return this.media.delete(null, itemId);
    return this.db.transaction(async (tx) => {
      const set =
        decision === 'hide'
          ? 'hidden_at = coalesce(hidden_at, now())'
          : decision === 'restore'
            ? 'hidden_at = NULL'
            : 'hidden_at = hidden_at';
      const { rows } = await tx.query(`UPDATE media_items SET ${set} WHERE id = $1 RETURNING id`, [itemId]);
      if (rows.length === 0) return false;
      await tx.query(
        'UPDATE media_reports SET resolved_at = now() WHERE item_id = $1 AND resolved_at IS NULL',
        [itemId],
      );
      return true;
    });
  }

  /** What a pilot reported (their export). */
  async reportsBy(pilotId: string): Promise<Array<{ item_id: string; reason: string; note: string | null }>> {
    const { rows } = await this.db.query<{ item_id: string; reason: string; note: string | null }>(
      'SELECT item_id, reason, note FROM media_reports WHERE reporter_id = $1 ORDER BY reported_at',
      [pilotId],
    );
    return rows;
  }
}
