import type { LedgerEntry, PrivacySettings, SendRecord, WarningReport } from '@airlock/sdk';
import { PRIVACY_DEFAULTS } from '@airlock/sdk';
import { bytes } from '../../ui/format.ts';

const STATUS_TEXT: Record<WarningReport['status'], string> = {
  ok: 'Clear to fly here',
  warning: 'Warning: take care',
  blocked: 'Blocked: no flight here without an unlock',
  unknown: 'Unknown: no zone data for this place',
};

/** What the SDK decided on the device at the last tick, from the precise position (which never left). */
export function WarningsPanel({ report }: { report: WarningReport | null }) {
  return (
    <section class="panel" aria-labelledby="fly-warnings">
      <h2 id="fly-warnings">Warnings, decided on the device</h2>
      {!report ? (
        <p class="hint">Take off to see the warnings at 10 Hz.</p>
      ) : (
        <>
          <p class={`status status-${report.status}`} aria-live="polite">
            {STATUS_TEXT[report.status]}
          </p>
          <ul class="plain">
            {report.inside.map((z) => (
              <li key={`in-${z.zone.id}`}>
                Inside <strong>{z.zone.name}</strong> ({z.zone.category}
                {z.active ? '' : ', not active now'}), {Math.round(z.boundaryM)} m to its edge
              </li>
            ))}
            {report.approaching.map((z) => (
              <li key={`near-${z.zone.id}`}>
                Approaching <strong>{z.zone.name}</strong> ({z.zone.category}): {Math.round(z.distanceM)} m
                {z.timeToEntryS != null ? `, ${Math.round(z.timeToEntryS)} s away` : ''}
              </li>
            ))}
          </ul>
          <p class="sub">
            Ceiling: {report.ceilingM == null ? 'none in force' : `${Math.round(report.ceilingM)} m`}; zone
            data {report.dataAgeS == null ? 'not loaded' : `${Math.round(report.dataAgeS)} s old`}; coverage{' '}
            {report.coverage}.
          </p>
        </>
      )}
    </section>
  );
}

/** The location checks exactly as they left: a URL that names the grid cell, never the position. */
export function RequestsPanel({ checks }: { checks: SendRecord[] }) {
  return (
    <section class="panel" aria-labelledby="fly-requests">
      <h2 id="fly-requests">Location checks that left</h2>
      <p class="sub">
        The request names the ~10 km grid cell drawn dashed on the map: every pilot anywhere in that cell
        sends exactly these bytes, so the server learns nothing finer, however often it is asked.
      </p>
      {checks.length === 0 ? (
        <p class="hint">None yet.</p>
      ) : (
        <ol class="requests">
          {checks.map((r, i) => (
            <li key={i}>
              <code>
                {r.method} {new URL(r.url).pathname}
                {new URL(r.url).search}
              </code>{' '}
              <span class="sub">
                {r.bytes} B body, headers: {Object.keys(r.headers).join(', ') || 'none'}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

type Switchable = 'app_performance' | 'user_experience';
const SWITCHABLE: Switchable[] = ['app_performance', 'user_experience'];

/** The two categories a pilot can switch, with what waits in each queue; off drops the queue at once. */
export function ConsentPanel(props: {
  settings: PrivacySettings;
  pending: Record<Switchable, number>;
  onSwitch: (c: Switchable, on: boolean) => void;
  onSend: () => void;
}) {
  return (
    <section class="panel" aria-labelledby="fly-consent">
      <h2 id="fly-consent">Consent</h2>
      <ul class="plain">
        {SWITCHABLE.map((c) => (
          <li key={c}>
            <label>
              <input
                type="checkbox"
                checked={props.settings.categories[c].allowed}
                onChange={(e) => props.onSwitch(c, e.currentTarget.checked)}
              />{' '}
              {PRIVACY_DEFAULTS[c].title}
            </label>
            <div class="sub" data-queue={c}>
              Queued: {props.pending[c]}
            </div>
          </li>
        ))}
        <li>
          <input type="checkbox" checked disabled id="fly-location-always" />{' '}
          <label for="fly-location-always">{PRIVACY_DEFAULTS.location_check.title}</label>
          <div class="sub">Always on: {PRIVACY_DEFAULTS.location_check.howToStop}</div>
        </li>
      </ul>
      <button type="button" onClick={props.onSend}>
        Send queued telemetry now
      </button>
    </section>
  );
}

/** Every request the SDK sent, as its ledger holds it on the device; exportable as the SDK exports it. */
export function LedgerPanel({ entries, onExport }: { entries: LedgerEntry[]; onExport: () => void }) {
  return (
    <section class="panel ledger" aria-labelledby="fly-ledger">
      <div class="title-row">
        <h2 id="fly-ledger">The ledger ({entries.length})</h2>
        <button type="button" onClick={onExport} disabled={entries.length === 0}>
          Export the ledger (JSON)
        </button>
      </div>
      <table class="ledger-table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Category</th>
            <th scope="col">Request</th>
            <th scope="col">Bytes</th>
            <th scope="col">SHA-256 of the body</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td>{e.time.slice(11, 23)}</td>
              <td>{e.category}</td>
              <td>
                <code>
                  {e.method} {new URL(e.url).pathname}
                </code>
              </td>
              <td>{bytes(e.bytes)}</td>
              <td>
                <code title={e.sha256}>{e.sha256.slice(0, 16)}…</code>
              </td>
              <td data-status={e.status ?? 'waiting'}>{e.status ?? '…'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
