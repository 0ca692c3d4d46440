import { useState } from 'preact/hooks';
import { bytes } from '../../ui/format.ts';
import { type UploadStatus, uploadFlightLog } from './upload-file.ts';

interface Item {
  key: number;
  file: File;
  status: UploadStatus;
}

let nextKey = 0;

/** Drop or choose flight logs; each uploads resumably with its own progress and outcome. */
export default function UploadPage() {
  const [items, setItems] = useState<Item[]>([]);
  const [over, setOver] = useState(false);

  const add = (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) {
      const key = nextKey++;
      setItems((all) => [...all, { key, file, status: { phase: 'hashing' } }]);
      const report = (status: UploadStatus) =>
        setItems((all) => all.map((it) => (it.key === key ? { ...it, status } : it)));
      uploadFlightLog(file, report).catch((e: Error) => report({ phase: 'failed', message: e.message }));
    }
  };

  return (
    <section>
      <h1>Upload flight logs</h1>
      <label
        class={`drop${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          add(e.dataTransfer?.files ?? null);
        }}
      >
        <span class="drop-title">Drop flight logs here, or choose files</span>
        <span class="hint">
          PX4 ULog (.ulg), ArduPilot DataFlash (.bin), MAVLink .tlog, DJI .txt, Airdata CSV, GPX, KML. An
          interrupted upload continues where it stopped; a file you uploaded before is recognised.
        </span>
        <input
          type="file"
          multiple
          onChange={(e) => {
            add(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
      </label>
      {items.length > 0 && (
        <ul class="uploads" aria-live="polite">
          {items.map((it) => (
            <li key={it.key}>
              <span class="file">
                {it.file.name} <span class="sub">{bytes(it.file.size)}</span>
              </span>
              <Status status={it.status} name={it.file.name} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Status({ status, name }: { status: UploadStatus; name: string }) {
  switch (status.phase) {
    case 'hashing':
      return <span>Reading…</span>;
    case 'checking':
      return <span>Checking…</span>;
    case 'uploading':
      return (
        <progress max={status.total} value={status.sent} aria-label={`Uploading ${name}`}>
          {Math.round((100 * status.sent) / status.total)} %
        </progress>
      );
    case 'done':
      return (
        <span class="ok">
          {status.duplicate ? 'Already uploaded: ' : 'Uploaded: '}
          <a href={`/flights/${encodeURIComponent(status.id)}`}>open the flight</a>
        </span>
      );
    case 'failed':
      return (
        <span class="problem" role="alert">
          {status.message}
        </span>
      );
  }
}
