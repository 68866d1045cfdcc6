from tools.openapi_md import render_api

SPEC = {
    "openapi": "3.1.0", "info": {"title": "Demo", "version": "2.0.0"},
    "paths": {
        "/v1/things/{id}": {"get": {"summary": "One thing", "tags": ["things"], "parameters": [
            {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}},
            {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["a", "-a"]}}],
            "responses": {"200": {"description": "ok", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Thing"}}}},
                "404": {"$ref": "#/components/responses/NotFound"}}}},
        "/v1/score": {"post": {"summary": "Score", "tags": ["scoring"], "security": [{"bearer": ["applications:batch"]}],
                               "x-required-scope": "applications:batch",
                               "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}},
                               "responses": {"200": {"description": "scored"}}}},
    },
    "components": {"schemas": {"Thing": {"type": "object", "properties": {"id": {}, "name": {}}}},
                   "responses": {"NotFound": {"description": "Unknown id"}}},
}


def test_each_endpoint_gets_a_section_with_parameters_and_responses():
    md = render_api(SPEC, 100042)
    assert "# API reference — Demo 2.0.0" in md
    assert "### `GET /v1/things/{id}`" in md
    assert "| `id` | path | yes | integer (minimum 1) |  |" in md
    assert "| 404 | Unknown id |" in md
    assert "Response fields: `Thing`: `id`, `name`." in md


def test_enum_separators_are_escaped_once_in_tables():
    assert "`a` \\| `-a`" in render_api(SPEC, 1)


def test_curl_examples_fill_the_path_and_the_body():
    md = render_api(SPEC, 100042, {"/v1/score": {"body": {"records": [{"X": 1}]}},
                                  "/v1/things/{id}": {"query": {"sort": "-a"}}})
    assert "curl -s 'http://127.0.0.1:8000/v1/things/100042?sort=-a'" in md
    assert "-d '{\"records\": [{\"X\": 1}]}'" in md
    assert "TOKEN=$(make -s token ROLE=tool)\ncurl -s -X POST 'http://127.0.0.1:8000/v1/score' -H \"Authorization: Bearer $TOKEN\"" in md


def test_the_scope_table_lists_every_route_with_its_scope_and_demo_role():
    md = render_api(SPEC, 1)
    assert "| none (open) | `GET /v1/things/{id}` | — |" in md
    assert "| `applications:batch` | `POST /v1/score` | tool |" in md
    assert "Needs an access token with the scope `applications:batch` (demo: `make -s token ROLE=tool`)." in md
