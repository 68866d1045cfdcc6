/**
 * Renders the OpenAPI document as one self-contained HTML page (inline CSS,
 * no script, no CDN). The CSP of /docs allows exactly that stylesheet by hash.
 */
import { createHash } from 'node:crypto';

type Json = Record<string, unknown>;

const STYLE = `
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1a1a1a;background:#fff}
main{max-width:960px;margin:0 auto;padding:1rem 1.5rem 4rem}
h1{font-size:1.6rem;margin:1.5rem 0 .25rem}h2{margin-top:2.5rem;border-bottom:2px solid #0072B2;padding-bottom:.25rem}
h3{font-size:1.05rem;margin:1.75rem 0 .5rem;font-family:ui-monospace,Menlo,Consolas,monospace}
code,.path{font-family:ui-monospace,Menlo,Consolas,monospace}
.method{display:inline-block;min-width:3.5rem;padding:.05rem .4rem;margin-right:.5rem;border-radius:4px;color:#fff;text-align:center;font-size:.85rem}
.get{background:#0072B2}.post{background:#9a4a00}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.92rem}
th,td{border:1px solid #c8c8c8;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f2f2f2}
ul.schema{margin:.25rem 0;padding-left:1.2rem;font-size:.92rem}
.req{color:#a1000b;font-size:.8rem}
nav ul{columns:2;font-size:.92rem}
a{color:#005a8c}a:focus{outline:3px solid #E69F00;outline-offset:2px}
@media (prefers-color-scheme:dark){body{background:#121212;color:#eee}th{background:#2a2a2a}a{color:#7cc4f0}}
`;

function esc(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function refName(schema: Json): string | undefined {
  const r = schema['$ref'];
  return typeof r === 'string' ? r.split('/').pop() : undefined;
}

/** A short type text: "string", "number | null", "array of Contribution", "→ Explanation". */
function typeText(schema: Json): string {
  const name = refName(schema);
  if (name) return `<a href="#schema-${esc(name)}">${esc(name)}</a>`;
  if ('const' in schema) return `<code>${esc(JSON.stringify(schema['const']))}</code>`;
  if (Array.isArray(schema['enum'])) return `one of ${(schema['enum'] as unknown[]).map((v) => `<code>${esc(JSON.stringify(v))}</code>`).join(', ')}`;
  const type = Array.isArray(schema['type']) ? (schema['type'] as string[]).join(' | ') : String(schema['type'] ?? 'any');
  if (type === 'array' && schema['items']) return `array of ${typeText(schema['items'] as Json)}`;
  if (schema['additionalProperties'] && typeof schema['additionalProperties'] === 'object' && !schema['properties']) {
    return `map of ${typeText(schema['additionalProperties'] as Json)}`;
  }
  return esc(type);
}

function renderSchema(schema: Json, depth = 0): string {
  const props = schema['properties'] as Record<string, Json> | undefined;
  if (!props || depth > 2) return typeText(schema);
  const required = new Set((schema['required'] as string[] | undefined) ?? []);
  const items = Object.entries(props).map(([name, sub]) => {
    const nested = sub['properties'] ? renderSchema(sub, depth + 1) : typeText(sub);
    const desc = sub['description'] ? ` — ${esc(sub['description'])}` : '';
    return `<li><code>${esc(name)}</code>${required.has(name) ? ' <span class="req">required</span>' : ''}: ${nested}${desc}</li>`;
  });
  return `<ul class="schema">${items.join('')}</ul>`;
}

function renderParameters(params: Json[]): string {
  if (params.length === 0) return '';
  const rows = params.map((p) => `<tr><td><code>${esc(p['name'])}</code></td><td>${esc(p['in'])}</td><td>${typeText(p['schema'] as Json)}${p['required'] ? ' <span class="req">required</span>' : ''}</td><td>${esc(p['description'] ?? '')}</td></tr>`);
  return `<table><thead><tr><th>Parameter</th><th>In</th><th>Type</th><th>Description</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function responseSchema(response: Json, doc: Json): { description: string; schema: string } {
  const name = refName(response);
  const resolved = name ? ((doc['components'] as Json)['responses'] as Record<string, Json>)[name]! : response;
  const content = resolved['content'] as Record<string, { schema: Json }> | undefined;
  const first = content ? Object.entries(content)[0] : undefined;
  return { description: String(resolved['description'] ?? ''), schema: first ? `<code>${esc(first[0])}</code> ${typeText(first[1].schema)}` : '' };
}

function renderOperation(path: string, method: string, op: Json, doc: Json): string {
  const id = `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, '-');
  const responses = Object.entries(op['responses'] as Record<string, Json>).map(([status, r]) => {
    const { description, schema } = responseSchema(r, doc);
    return `<tr><td>${esc(status)}</td><td>${esc(description)}</td><td>${schema}</td></tr>`;
  });
  const body = op['requestBody'] as Json | undefined;
  const bodySchema = body ? ((body['content'] as Record<string, { schema: Json }>)['application/json']!.schema) : undefined;
  return `<section aria-labelledby="${id}"><h3 id="${id}"><span class="method ${method}">${method.toUpperCase()}</span><span class="path">${esc(path)}</span></h3>
<p>${esc(op['summary'])}</p>${renderParameters((op['parameters'] as Json[] | undefined) ?? [])}
${bodySchema ? `<p><strong>Body</strong> (application/json): ${typeText(bodySchema)}</p>` : ''}
<table><thead><tr><th>Status</th><th>Meaning</th><th>Body</th></tr></thead><tbody>${responses.join('')}</tbody></table></section>`;
}

export interface DocsPage {
  html: string;
  /** CSP source for the inline stylesheet, e.g. 'sha256-…'. */
  styleHash: string;
}

export function renderDocsPage(doc: Json): DocsPage {
  const info = doc['info'] as Json;
  const paths = doc['paths'] as Record<string, Record<string, Json>>;
  const schemas = (doc['components'] as Json)['schemas'] as Record<string, Json>;
  const tags = doc['tags'] as Array<{ name: string; description: string }>;
  const sections = tags.map((tag) => {
    const ops = Object.entries(paths).flatMap(([path, methods]) =>
      Object.entries(methods).filter(([, op]) => (op['tags'] as string[]).includes(tag.name)).map(([method, op]) => renderOperation(path, method, op, doc)));
    return `<h2 id="tag-${esc(tag.name)}">${esc(tag.name)}</h2><p>${esc(tag.description)}</p>${ops.join('\n')}`;
  });
  const schemaSections = Object.entries(schemas).map(([name, schema]) =>
    `<section aria-labelledby="schema-${esc(name)}"><h3 id="schema-${esc(name)}">${esc(name)}</h3>${schema['description'] ? `<p>${esc(schema['description'])}</p>` : ''}${renderSchema(schema)}</section>`);
  const nav = tags.map((t) => `<li><a href="#tag-${esc(t.name)}">${esc(t.name)}</a></li>`).join('') + '<li><a href="#schemas">schemas</a></li>';
  const styleHash = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(info['title'])}</title><style>${STYLE}</style></head>
<body><main><h1>${esc(info['title'])}</h1><p>Version ${esc(info['version'])}. ${esc(info['description'])}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI ${esc(doc['openapi'])}).</p>
<nav aria-label="Contents"><ul>${nav}</ul></nav>
${sections.join('\n')}
<h2 id="schemas">Schemas</h2>${schemaSections.join('\n')}
</main></body></html>`;
  return { html, styleHash };
}
