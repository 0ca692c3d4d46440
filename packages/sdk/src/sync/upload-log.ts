import type { SyncStateStore, UploadState } from './sync-state.ts';
import type { TusClient, TusStepError } from './tus-client.ts';

/**
 * How one log's Sync ended.
 *
 * @example
 * const { results } = await airlock.sync('all');
 * for (const r of results as LogSyncResult[]) console.log(r.id, r.status, r.logId, r.sentBytes, r.resumedFrom);
 */
export interface LogSyncResult {
  /** The log's id on the device (its name in the store). */
  id: string;
  /**
   * uploaded: sent now (whole or the rest of an interrupted upload); duplicate: the server already had
   * this file (nothing sent); already_synced: synced before, nothing asked; interrupted: part sent, the
   * next Sync resumes; failed: see `error`; skipped: still being recorded.
   */
  status: 'uploaded' | 'duplicate' | 'already_synced' | 'interrupted' | 'failed' | 'skipped';
  /** The server's id of the log, once it is there. */
  logId: string | null;
  sha256: string | null;
  /** The file's size in bytes. */
  size: number;
  /** File bytes the server confirmed taking from this call. */
  sentBytes: number;
  /** The offset this call resumed an earlier upload from, or null. */
  resumedFrom: number | null;
  error?: string;
}

export interface UploadContext {
  tus: TusClient;
  state: SyncStateStore;
  chunkBytes: number;
  maxAttempts: number;
  retryDelayMs: number;
  onProgress?: (progress: { id: string; offset: number; size: number }) => void;
}

/**
 * One log through tus: skip it when this device synced it before; ask the server whether it has the
 * file (by SHA-256); else create an upload, or HEAD the one remembered and go on from the server's
 * offset; PATCH chunk by chunk, saving the offset after each. A failure is retried from a fresh HEAD a
 * few times; then the state stays saved for the next Sync.
 */
export async function uploadLog(
  ctx: UploadContext,
  id: string,
  bytes: Uint8Array,
  sha256: string,
): Promise<LogSyncResult> {
  const size = bytes.length;
  const result = (status: LogSyncResult['status'], more: Partial<LogSyncResult> = {}): LogSyncResult => ({
    id,
    status,
    logId: null,
    sha256,
    size,
    sentBytes,
    resumedFrom,
    ...more,
  });
  let sentBytes = 0;
  let resumedFrom: number | null = null;
  // The last offset the server confirmed, or null before this call heard of one for the current upload.
  let confirmed: number | null = null;
  const learn = (offset: number) => {
    if (confirmed !== null && offset > confirmed) sentBytes += offset - confirmed;
    confirmed = offset;
  };
  const saved = await ctx.state.get(id);
  if (saved?.sha256 === sha256 && saved.logId) return result('already_synced', { logId: saved.logId });
  if (saved?.sha256 === sha256 && saved.rejected)
    return result('failed', { error: `${saved.rejected} (refused before: not sent again)` });
  let st: UploadState =
    saved?.sha256 === sha256 ? saved : { sha256, size, path: null, offset: 0, logId: null };
  // 413 and 422 are about the bytes themselves: the same bytes will be refused again.
  const refuse = async (step: { status: number; error: string }) => {
    const permanent = step.status === 413 || step.status === 422;
    await ctx.state.set(id, {
      sha256,
      size,
      path: null,
      offset: 0,
      logId: null,
      ...(permanent ? { rejected: step.error } : {}),
    });
    return result('failed', { error: step.error });
  };
  const finish = async (status: 'uploaded' | 'duplicate', logId: string) => {
    if (status === 'uploaded') learn(size);
    await ctx.state.set(id, { sha256, size, path: null, offset: size, logId });
    return result(status, { logId });
  };

  if (!st.path) {
    const found = await ctx.tus.lookup(sha256);
    if ('logId' in found && found.logId) return finish('duplicate', found.logId);
    if ('ok' in found && !found.retry) return result('failed', { error: found.error });
  }
  let attempts = 0;
  let needHead = st.path !== null;
  let lastError = '';
  while (attempts < ctx.maxAttempts) {
    if (attempts > 0 && ctx.retryDelayMs > 0) await delay(ctx.retryDelayMs * attempts);
    if (!st.path) {
      const created = await ctx.tus.create(size, { filename: id, sha256 });
      if (!('path' in created)) {
        if (!created.retry) return refuse(created);
        lastError = created.error;
        attempts++;
        continue;
      }
      st = { ...st, path: created.path, offset: 0 };
      confirmed = 0;
      await ctx.state.set(id, st);
      needHead = false;
    } else if (needHead) {
      const head = await ctx.tus.offset(st.path);
      if (!head.ok) {
        if (head.gone) {
          st = { ...st, path: null, offset: 0 };
          confirmed = null;
        } else if (!head.retry) return result('failed', { error: head.error });
        else attempts++;
        lastError = head.error;
        continue;
      }
      if (resumedFrom === null && confirmed === null && head.offset > 0) resumedFrom = head.offset;
      learn(head.offset);
      if (head.logId) return finish('uploaded', head.logId);
      st = { ...st, offset: head.offset };
      needHead = false;
    }
    const step = await sendRest(ctx, id, bytes, st, learn);
    if (step.ok && step.logId) return finish('uploaded', step.logId);
    if (!step.ok && !step.retry && !step.gone) return refuse(step);
    if (!step.ok && step.gone) {
      st = { ...st, path: null, offset: 0 };
      confirmed = null;
    } else needHead = true;
    lastError = step.ok ? 'every byte sent but no log id came back' : step.error;
    attempts++;
  }
  return result(st.path ? 'interrupted' : 'failed', { error: lastError });
}

type SendStep = { ok: true; logId: string | null } | TusStepError;

/** PATCHes from `st.offset` to the end, saving each confirmed offset. */
async function sendRest(
  ctx: UploadContext,
  id: string,
  bytes: Uint8Array,
  st: UploadState,
  learn: (offset: number) => void,
): Promise<SendStep> {
  const path = st.path as string;
  let offset = st.offset;
  while (offset < bytes.length) {
    const chunk = bytes.subarray(offset, Math.min(bytes.length, offset + ctx.chunkBytes));
    const r = await ctx.tus.patch(path, offset, chunk);
    if (!r.ok) return r;
    learn(r.offset);
    offset = r.offset;
    st.offset = offset;
    await ctx.state.set(id, st);
    ctx.onProgress?.({ id, offset, size: bytes.length });
    if (r.logId) return { ok: true, logId: r.logId };
  }
  // Every byte is there but the answer carrying the log id was lost: a HEAD asks for it.
  return { ok: true, logId: null };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
