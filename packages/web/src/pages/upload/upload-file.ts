import { type DetailedError, Upload } from 'tus-js-client';
import { api } from '../../api/client.ts';
import { fileSha256 } from './hash-file.ts';

export type UploadStatus =
  | { phase: 'hashing' | 'checking' }
  | { phase: 'uploading'; sent: number; total: number }
  | { phase: 'done'; id: string; duplicate: boolean }
  | { phase: 'failed'; message: string };

/** The server's resumable upload endpoint (tus 1.0) and the header naming the log a finished upload became. */
const ENDPOINT = '/v1/flightlogs/uploads';
const LOG_ID_HEADER = 'Airlock-Flightlog-Id';
const CHUNK = 8 * 2 ** 20;

/**
 * One file to the server: its SHA-256 first (a file already uploaded is recognised without sending it
 * again), then a resumable tus upload in chunks, which picks up where an interrupted one stopped (tus
 * keeps the upload URL in localStorage), and retries a dropped connection by itself.
 */
export async function uploadFlightLog(file: File, report: (s: UploadStatus) => void): Promise<void> {
  report({ phase: 'hashing' });
  const sha256 = await fileSha256(file);
  report({ phase: 'checking' });
  const { data } = await api.GET('/v1/flightlogs', { params: { query: { sha256, limit: 1 } } });
  const known = data?.items[0];
  if (known) return report({ phase: 'done', id: known.id, duplicate: true });

  await new Promise<void>((resolve) => {
    const upload = new Upload(file, {
      endpoint: new URL(ENDPOINT, location.origin).href,
      metadata: { filename: file.name, sha256 },
      headers: { 'X-Airlock-CSRF': '1' },
      chunkSize: CHUNK,
      removeFingerprintOnSuccess: true,
      retryDelays: [0, 1000, 3000, 5000],
      onProgress: (sent, total) => report({ phase: 'uploading', sent, total }),
      onSuccess: ({ lastResponse }) => {
        const id = lastResponse.getHeader(LOG_ID_HEADER);
        report(
          id ? { phase: 'done', id, duplicate: false } : { phase: 'failed', message: 'no flight log id' },
        );
        resolve();
      },
      onError: (e) => {
        report({ phase: 'failed', message: refusal(e) });
        resolve();
      },
    });
    upload.findPreviousUploads().then((previous) => {
      if (previous[0]) upload.resumeFromPreviousUpload(previous[0]);
      upload.start();
    });
  });
}

/** The server's reason (a corrupt file names the byte offset), else what tus-js-client knows. */
function refusal(e: Error | DetailedError): string {
  const body = 'originalResponse' in e ? e.originalResponse?.getBody() : undefined;
  try {
    const message = JSON.parse(body ?? '')?.error?.message;
    if (typeof message === 'string') return message;
  } catch {}
  return e.message;
}
