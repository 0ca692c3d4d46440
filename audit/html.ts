// The report as one self-contained HTML page: inline style, no script, no external resource.
import type { AuditReport, RunRow } from './audit.ts';

const esc = (s: string | number) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function runSection(r: RunRow): string {
  const bad = r.requests.some((q) => q.violations.length > 0) || r.ledger.mismatches.length > 0;
  const rows = r.requests
    .map(
      (q) =>
        `<tr${q.violations.length ? ' class="bad"' : ''}><td>${q.n}</td><td>${esc(q.method)}</td><td><code>${esc(q.path)}</code></td><td>${esc(q.category)}</td><td class="num">${q.bytes}</td><td><code>${q.sha256.slice(0, 16)}…</code></td><td>${q.violations.length ? esc(q.violations.join('; ')) : 'allowed'}</td></tr>`,
    )
    .join('');
  const ledger = r.ledger.mismatches.length
    ? `<ul class="bad">${r.ledger.mismatches.map((m) => `<li>${esc(m)}</li>`).join('')}</ul>`
    : `<p>Ledger: ${r.ledger.entries} entries (${r.ledger.unsent} not sent: offline), each equal to the wire byte for byte.</p>`;
  return `<details${bad ? ' open' : ''}><summary>${esc(r.profile)} · ${esc(r.settings)} · ${esc(r.scenario)} — ${r.requests.length} requests${bad ? ' — <b>VIOLATION</b>' : ''}</summary>
${r.requests.length ? `<table><tr><th>#</th><th>method</th><th>path</th><th>category</th><th>bytes</th><th>sha256</th><th>verdict</th></tr>${rows}</table>` : '<p>Nothing crossed the network.</p>'}
${ledger}</details>`;
}

export function renderHtml(report: AuditReport): string {
  const t = report.totals;
  const findings = report.storage.findings.length
    ? `<ul class="bad">${report.storage.findings.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>`
    : '<p>Nothing found.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Airlock privacy audit: ${report.verdict}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:2em;max-width:75em}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}.num{text-align:right}.bad{color:#a00}.pass{color:#070}summary{cursor:pointer;padding:2px 0}code{font-size:12px}</style>
</head><body>
<h1>Airlock privacy audit: <span class="${report.verdict === 'pass' ? 'pass' : 'bad'}">${report.verdict.toUpperCase()}</span></h1>
<p>The SDK was driven through ${report.combinations} setting combinations × ${report.scenarios.length} scenarios (${t.runs} runs) against a real server behind a wire tap. Every request that crossed the network was judged by the settings in force when it was sent, matched byte for byte with the SDK's ledger, and the server's data dir and log were scanned afterwards.</p>
<table>
<tr><th>requests captured</th><td class="num">${t.requests}</td></tr>
<tr><th>bytes captured (request target + body)</th><td class="num">${t.bytes}</td></tr>
<tr><th>disallowed requests</th><td class="num">${t.disallowedRequests}</td></tr>
<tr><th>disallowed bytes</th><td class="num">${t.disallowedBytes}</td></tr>
<tr><th>ledger mismatches</th><td class="num">${t.ledgerMismatches}</td></tr>
<tr><th>storage and log findings (${report.storage.filesScanned} files, ${report.storage.logLines} log lines)</th><td class="num">${t.storageFindings}</td></tr>
</table>
<h2>Scenarios</h2><ol>${report.scenarios.map((s) => `<li>${esc(s)}</li>`).join('')}</ol>
<h2>Storage and log scan</h2>${findings}
<h2>Runs</h2>
${report.runs.map(runSection).join('\n')}
</body></html>
`;
}
