// Renders the SDK's results with textContent only: zone names come from airspace files, not from this
// app, and are never parsed as HTML.
import type { LedgerEntry, LocationCheckResult, WarningReport } from '@airlock/sdk';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.textContent = text;
  return node;
}

function byId(id: string): HTMLElement {
  return document.getElementById(id)!;
}

/** The check's answer; null while it runs. */
export function renderCheck(result: LocationCheckResult | null): void {
  const out = byId('check');
  if (!result) {
    out.dataset.state = 'running';
    out.textContent = 'Checking…';
    return;
  }
  out.dataset.state = result.error ? 'error' : result.coverage;
  const age = result.ageS === null ? '' : `, ${Math.round(result.ageS)} s old`;
  out.textContent =
    result.coverage === 'none'
      ? `No zone data here: airspace unknown${result.error ? ` (${result.error})` : ''}.`
      : `${result.zoneCount} zones around you, countries ${result.countries.join(', ') || 'unknown'}, ` +
        `from the ${result.source}${age}${result.stale ? ' (stale: say so to the pilot)' : ''}.`;
}

const WHAT: Record<WarningReport['status'], string> = {
  ok: 'Clear to fly here.',
  warning: 'Fly with care: see the zones below.',
  blocked: 'Take-off blocked here.',
  unknown: 'Unknown: no zone data covers this position.',
};

export function renderWarnings(report: WarningReport): void {
  const status = byId('status');
  status.dataset.status = report.status;
  status.textContent = `${WHAT[report.status]}${report.ceilingM === null ? '' : ` Ceiling ${report.ceilingM} m.`}`;
  const list = byId('warnings');
  list.replaceChildren(
    ...report.inside.map((z) =>
      el(
        'li',
        `Inside ${z.zone.name} (${z.zone.category}): ${z.consequence.replaceAll('_', ' ')}` +
          `${z.active ? '' : ', not active now'}; ${Math.round(z.boundaryM)} m to its edge.`,
      ),
    ),
    ...report.approaching.map((z) =>
      el(
        'li',
        `${Math.round(z.distanceM)} m from ${z.zone.name} (${z.zone.category}): ` +
          `${z.consequence.replaceAll('_', ' ')}${z.active ? '' : ', not active now'}.`,
      ),
    ),
  );
}

export function renderLedger(entries: LedgerEntry[]): void {
  byId('ledger').replaceChildren(
    ...entries.map((e) => {
      const row = document.createElement('tr');
      const path = new URL(e.url).pathname;
      row.append(
        el('td', new Date(e.time).toLocaleTimeString()),
        el('td', e.category),
        el('td', `${e.method} ${path}`),
        el('td', String(e.bytes)),
        el('td', e.status === undefined ? '…' : String(e.status)),
        el('td', `${e.sha256.slice(0, 12)}…`),
      );
      return row;
    }),
  );
}
