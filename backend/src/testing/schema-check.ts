/**
 * Test helper: checks a JSON value against the subset of JSON Schema used in
 * the OpenAPI document (type, const, enum, properties, required,
 * additionalProperties, items, $ref, min/max). Returns the mismatches.
 */
type Schema = Record<string, unknown>;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(value: unknown, type: unknown): boolean {
  const types = Array.isArray(type) ? (type as string[]) : [type as string];
  const actual = typeOf(value);
  return types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
}

export function checkSchema(value: unknown, schema: Schema, components: Record<string, Schema>, at = '$', out: string[] = []): string[] {
  const ref = schema['$ref'];
  if (typeof ref === 'string') return checkSchema(value, components[ref.split('/').pop()!]!, components, at, out);
  if ('const' in schema && value !== schema['const']) out.push(`${at}: expected ${JSON.stringify(schema['const'])}`);
  if (Array.isArray(schema['enum']) && !(schema['enum'] as unknown[]).includes(value)) out.push(`${at}: ${JSON.stringify(value)} not in enum`);
  if (schema['type'] !== undefined && !typeMatches(value, schema['type'])) {
    out.push(`${at}: expected ${JSON.stringify(schema['type'])}, got ${typeOf(value)}`);
    return out;
  }
  if (typeof value === 'number') {
    if (typeof schema['minimum'] === 'number' && value < schema['minimum']) out.push(`${at}: below minimum`);
    if (typeof schema['maximum'] === 'number' && value > schema['maximum']) out.push(`${at}: above maximum`);
  }
  if (Array.isArray(value) && schema['items']) {
    if (typeof schema['maxItems'] === 'number' && value.length > schema['maxItems']) out.push(`${at}: too many items`);
    value.forEach((item, i) => checkSchema(item, schema['items'] as Schema, components, `${at}[${i}]`, out));
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    const props = (schema['properties'] ?? {}) as Record<string, Schema>;
    for (const key of (schema['required'] ?? []) as string[]) if (!(key in obj)) out.push(`${at}: missing ${key}`);
    for (const [key, v] of Object.entries(obj)) {
      if (props[key]) checkSchema(v, props[key]!, components, `${at}.${key}`, out);
      else if (schema['additionalProperties'] && typeof schema['additionalProperties'] === 'object') checkSchema(v, schema['additionalProperties'] as Schema, components, `${at}.${key}`, out);
      else if (schema['properties'] && schema['additionalProperties'] !== true) out.push(`${at}: undocumented property ${key}`);
    }
  }
  return out;
}
