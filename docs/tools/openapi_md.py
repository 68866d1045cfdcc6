"""docs/api.md from the API's OpenAPI document: one section per endpoint, with a curl example."""
from __future__ import annotations

import json

BASE_URL = "http://127.0.0.1:8000"
METHODS = ("get", "post", "put", "patch", "delete")
#: The demo role whose `make token` opens each scope (backend/src/auth/scopes.ts, ROLE_SCOPES).
ROLE_FOR_SCOPE = {"signed-in": "advisor", "clients:read": "advisor", "applications:score": "advisor",
                  "applications:batch": "tool", "audit:read": "supervisor", "metrics:read": "supervisor",
                  "reviews:write": "advisor", "reviews:read-all": "supervisor"}


def _resolve(spec: dict, node: dict | None) -> dict:
    """Follow a local ``$ref`` (``#/components/...``); other nodes are returned as they are."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 20:
        target: object = spec
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]  # type: ignore[index]
        node, seen = target, seen + 1  # type: ignore[assignment]
    return node or {}


def _type(spec: dict, schema: dict | None) -> str:
    schema = _resolve(spec, schema)
    if "enum" in schema:
        return " | ".join(f"`{v}`" for v in schema["enum"])
    kind = schema.get("type", "object" if "properties" in schema else "any")
    if isinstance(kind, list):
        kind = " | ".join(kind)
    if kind == "array":
        return f"array of {_type(spec, schema.get('items'))}"
    bounds = [f"{k} {schema[k]}" for k in ("minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems")
              if k in schema]
    if "pattern" in schema:
        bounds.append(f"pattern `{schema['pattern']}`")
    return kind + (f" ({', '.join(bounds)})" if bounds else "")


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _example_value(param: dict, schema: dict, client_id: int) -> str:
    if "example" in param:
        return str(param["example"])
    if "example" in schema:
        return str(schema["example"])
    if param["name"] == "id":
        return str(client_id)
    if "default" in schema:
        return str(schema["default"])
    return {"integer": "1", "number": "1"}.get(schema.get("type"), "value")


def _token_line(op: dict) -> tuple[str, str]:
    """(`TOKEN=$(make -s token ROLE=...)` line, curl header) for a protected operation, else ("", "")."""
    scope = op.get("x-required-scope")
    if scope is None:
        return "", ""
    return f"TOKEN=$(make -s token ROLE={ROLE_FOR_SCOPE.get(scope, 'advisor')})\n", " -H \"Authorization: Bearer $TOKEN\""


def _curl(spec: dict, method: str, path: str, op: dict, params: list[dict], client_id: int,
          example: dict) -> str:
    url = path
    query = [f"{k}={v}" for k, v in example.get("query", {}).items()]
    for p in params:
        schema = _resolve(spec, p.get("schema"))
        if p.get("in") == "path":
            url = url.replace("{" + p["name"] + "}", _example_value(p, schema, client_id))
        elif p.get("in") == "query" and p["name"] not in example.get("query", {}) and (
                p.get("required") or "example" in p or "example" in schema):
            query.append(f"{p['name']}={_example_value(p, schema, client_id)}")
    full = BASE_URL + url + ("?" + "&".join(query) if query else "")
    token, header = _token_line(op)
    if method == "get":
        return f"{token}curl -s '{full}'{header}"
    body = example.get("body", _request_example(spec, op))
    payload = json.dumps(body, ensure_ascii=False) if body is not None else "{}"
    return (f"{token}curl -s -X {method.upper()} '{full}'{header} \\\n  -H 'Content-Type: application/json' \\\n"
            f"  -d '{payload}'")


def _request_example(spec: dict, op: dict) -> object | None:
    content = _resolve(spec, op.get("requestBody")).get("content", {}).get("application/json", {})
    if "example" in content:
        return content["example"]
    examples = content.get("examples") or {}
    if examples:
        return _resolve(spec, next(iter(examples.values()))).get("value")
    return _resolve(spec, content.get("schema")).get("example")


def _fields(spec: dict, schema: dict | None) -> str:
    """``name``, ``name``... of an object schema (the first level of a JSON response)."""
    ref = (schema or {}).get("$ref", "")
    props = _resolve(spec, schema).get("properties", {})
    name = f"`{ref.rsplit('/', 1)[-1]}`: " if ref else ""
    return name + ", ".join(f"`{p}`" for p in props) if props else ""


def _operation(spec: dict, method: str, path: str, op: dict, client_id: int, example: dict) -> list[str]:
    params = [_resolve(spec, p) for p in op.get("parameters", [])]
    lines = [f"### `{method.upper()} {path}`", ""]
    if op.get("summary"):
        lines += [f"**{op['summary'].rstrip('.')}.**" + (f" {op['description']}" if op.get("description") else ""), ""]
    elif op.get("description"):
        lines += [op["description"], ""]
    if params:
        lines += ["| parameter | in | required | type | description |", "|---|---|---|---|---|"]
        lines += [f"| `{p['name']}` | {p.get('in', '')} | {'yes' if p.get('required') else 'no'} | "
                  f"{_cell(_type(spec, p.get('schema')))} | {_cell(p.get('description', ''))} |" for p in params]
        lines.append("")
    body = _resolve(spec, op.get("requestBody"))
    if body:
        schema = body.get("content", {}).get("application/json", {}).get("schema")
        lines += [f"Request body (JSON): {_fields(spec, schema) or _cell(_type(spec, schema))}."
                  + (f" {body['description']}" if body.get("description") else ""), ""]
    scope = op.get("x-required-scope")
    if scope is not None:
        who = "any valid access token" if scope == "signed-in" else f"an access token with the scope `{scope}`"
        lines += [f"Needs {who} (demo: `make -s token ROLE={ROLE_FOR_SCOPE.get(scope, 'advisor')}`).", ""]
    responses = op.get("responses", {})
    if responses:
        lines += ["| status | meaning |", "|---|---|"]
        for code, resp in responses.items():
            resp = _resolve(spec, resp)
            kinds = ", ".join(f"`{k}`" for k in resp.get("content", {}))
            lines.append(f"| {code} | {_cell(resp.get('description', ''))}{' (' + kinds + ')' if kinds else ''} |")
        lines.append("")
        fields = _fields(spec, _resolve(spec, responses.get("200")).get("content", {})
                         .get("application/json", {}).get("schema"))
        if fields:
            lines += [f"Response fields: {fields}.", ""]
    lines += ["```bash", _curl(spec, method, path, op, params, client_id, example), "```", ""]
    return lines


def render_api(spec: dict, client_id: int, examples: dict[str, dict] | None = None) -> str:
    """The API reference page.

    ``client_id`` fills the ``{id}`` of the examples (a client of the sample); ``examples`` maps a
    path to ``{"query": {...}, "body": ...}`` for its curl example, when the document carries none.
    """
    examples = examples or {}
    info = spec.get("info", {})
    lines = ["<!-- Generated by `make docs` from docs/api/openapi.json (the API's /openapi.json): "
             "do not edit by hand. -->", "",
             f"# API reference — {info.get('title', 'API')} {info.get('version', '')}".rstrip(), "",
             "**En bref (français).** L'API sert le score, la décision et l'explication SHAP de chaque client, "
             "ainsi que les métriques du modèle. Chaque point d'accès est décrit ci-dessous avec un exemple "
             "`curl` ; les erreurs suivent le format `application/problem+json` (RFC 9457).", ""]
    if info.get("description"):
        lines += [info["description"].strip(), ""]
    lines += [f"Examples assume `make start` runs locally (the API on {BASE_URL} and the demo OpenID provider "
              "on http://127.0.0.1:9400); `make -s token ROLE=advisor|supervisor|tool` prints a demo access token. "
              f"The interactive page is `{BASE_URL}/docs` and the machine-readable document `{BASE_URL}/openapi.json`.", "",
              "| scope | routes | demo role |", "|---|---|---|"]
    by_scope: dict[str, list[str]] = {}
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                need = item[method].get("x-required-scope", "none")
                by_scope.setdefault(need, []).append(f"`{method.upper()} {path}`")
    for need, routes in by_scope.items():
        label = {"none": "none (open)", "signed-in": "any valid token"}.get(need, f"`{need}`")
        lines.append(f"| {label} | {', '.join(routes)} | {ROLE_FOR_SCOPE.get(need, '—')} |")
    lines.append("")
    groups: dict[str, list[tuple[str, str, dict]]] = {}
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                tag = (item[method].get("tags") or ["other"])[0]
                groups.setdefault(tag, []).append((method, path, item[method]))
    for tag, ops in groups.items():
        lines += [f"## {tag[:1].upper() + tag[1:]}", ""]
        for method, path, op in ops:
            lines += _operation(spec, method, path, op, client_id, examples.get(path, {}))
    return "\n".join(lines).rstrip() + "\n"
