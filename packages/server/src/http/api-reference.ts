/**
 * A readable API reference rendered on the server from the OpenAPI document, so it works offline and
 * loads nothing from elsewhere (hosted viewers pull scripts from CDNs).
 */
type Schema = Record<string, unknown>;
type Doc = {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};
type Operation = {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Array<{
    name: string;
    in: string;
    required?: boolean;
    description?: string;
    schema?: { type?: string; enum?: unknown[] };
  }>;
  requestBody?: {
    description?: string;
    required?: boolean;
    content?: Record<string, { schema?: Schema }>;
  };
  responses?: Record<string, { description?: string }>;
};

/** A schema with its top-level $ref resolved from the document's components, for display. */
function resolved(doc: Doc, schema: Schema | undefined): Schema | undefined {
  const ref = schema?.$ref;
  if (typeof ref !== 'string') return schema;
  return doc.components?.schemas?.[ref.replace('#/components/schemas/', '')] ?? schema;
}

function requestBodyHtml(doc: Doc, body: Operation['requestBody']): string {
  if (!body?.content) return '';
  const parts = Object.entries(body.content).map(
    ([type, media]) =>
      `<p>Request body (${esc(type)}${body.required ? ', required' : ''})${body.description ? `: ${esc(body.description)}` : ''}</p><pre>${esc(JSON.stringify(resolved(doc, media.schema) ?? {}, null, 2))}</pre>`,
  );
  return parts.join('');
}

/** The page's one inline style; the page's Content-Security-Policy allows exactly it, by hash. */
export const API_REFERENCE_STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
section{border-top:1px solid #ddd;padding:.5rem 0}code{background:#f3f3f3;padding:0 .2rem}pre{background:#f6f6f6;padding:.5rem;overflow:auto;max-height:24rem}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left}
.m{font-family:monospace;padding:.1rem .4rem;border-radius:3px;color:#fff;background:#555}.get{background:#2a7}.put,.post{background:#27a}.delete{background:#a33}`;

const esc = (s: unknown) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

export function renderApiReference(doc: Doc): string {
  const ops: string[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters ?? [])
        .map(
          (p) =>
            `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td><td>${esc(p.schema?.enum ? p.schema.enum.join(' | ') : p.schema?.type)}</td><td>${esc(p.description)}</td></tr>`,
        )
        .join('');
      const responses = Object.entries(op.responses ?? {})
        .map(([code, r]) => `<li><code>${esc(code)}</code> ${esc(r.description)}</li>`)
        .join('');
      ops.push(`<section><h2><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h2>
<p><strong>${esc(op.summary)}</strong></p>${op.description ? `<p>${esc(op.description)}</p>` : ''}
${requestBodyHtml(doc, op.requestBody)}${params ? `<table><tr><th>parameter</th><th>in</th><th>required</th><th>type</th><th>description</th></tr>${params}</table>` : ''}
<ul>${responses}</ul></section>`);
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(doc.info.title)} — API reference</title>
<style>${API_REFERENCE_STYLE}</style>
</head><body><h1>${esc(doc.info.title)} <small>${esc(doc.info.version)}</small></h1><p>${esc(doc.info.description)}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a></p>${ops.join('\n')}</body></html>`;
}
