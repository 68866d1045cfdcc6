/** Query-string schemas of the GET endpoints. */
import type { FieldError } from '../errors.js';
import { RANGE_COLUMNS, type RangeKey } from '../store/client-list.js';
import { SORT_COLUMNS, type ClientQuery, type Dataset, type SortColumn } from '../store/clients.js';
import { parseEnumParam, parseIntParam, parseNumberParam, parseTextParam, rejectUnknown, safeFieldName, type RawParam } from './fields.js';

export const queryDefaults = {
  limit: 25,
  maxLimit: 100,
  maxOffset: 1_000_000_000,
  top: 10,
  maxTop: 50,
  maxTextLength: 100,
  maxQDigits: 19,
} as const;

type Query = Record<string, RawParam>;

const RANGE_KEYS = Object.keys(RANGE_COLUMNS) as RangeKey[];
const CLIENT_LIST_KEYS = [
  'limit', 'offset', 'sort', 'q', 'dataset', 'contract_type', 'gender', 'decision', 'review',
  ...RANGE_KEYS.flatMap((k) => [`${k}_min`, `${k}_max`]),
];

const SORT_VALUES: string[] = SORT_COLUMNS.flatMap((c) => [c, `-${c}`]);

/** The list query once parsed; the route turns `decision` into probability bounds. */
export interface ClientListQuery extends ClientQuery {
  decision?: 'granted' | 'refused';
}

function withSafeNames(errors: FieldError[]): FieldError[] {
  return errors.map((e) => ({ field: safeFieldName(e.field), message: e.message }));
}

/** GET /v1/clients query; errors name every bad or unknown parameter. */
export function parseClientListQuery(query: Query, errors: FieldError[]): ClientListQuery {
  const local: FieldError[] = [];
  rejectUnknown(query, CLIENT_LIST_KEYS, local);
  const sort = parseEnumParam(query['sort'], 'sort', SORT_VALUES, local) ?? 'id';
  const result: ClientListQuery = {
    limit: parseIntParam(query['limit'], 'limit', 1, queryDefaults.maxLimit, queryDefaults.limit, local),
    offset: parseIntParam(query['offset'], 'offset', 0, queryDefaults.maxOffset, 0, local),
    sort: sort.replace(/^-/, '') as SortColumn,
    descending: sort.startsWith('-'),
  };
  const q = parseTextParam(query['q'], 'q', queryDefaults.maxQDigits, local);
  if (q !== undefined) {
    if (/^\d+$/.test(q)) result.q = q;
    else local.push({ field: 'q', message: `must be 1 to ${queryDefaults.maxQDigits} digits (the start of a client id)` });
  }
  const dataset = parseEnumParam<Dataset>(query['dataset'], 'dataset', ['train', 'new'], local);
  if (dataset !== undefined) result.dataset = dataset;
  const contractType = parseTextParam(query['contract_type'], 'contract_type', queryDefaults.maxTextLength, local);
  if (contractType !== undefined) result.contractType = contractType;
  const gender = parseTextParam(query['gender'], 'gender', queryDefaults.maxTextLength, local);
  if (gender !== undefined) result.gender = gender;
  const decision = parseEnumParam(query['decision'], 'decision', ['granted', 'refused'] as const, local);
  if (decision !== undefined) result.decision = decision;
  const ranges: NonNullable<ClientQuery['ranges']> = {};
  for (const key of RANGE_KEYS) {
    const min = parseNumberParam(query[`${key}_min`], `${key}_min`, local);
    const max = parseNumberParam(query[`${key}_max`], `${key}_max`, local);
    if (min !== undefined && max !== undefined && min > max) {
      local.push({ field: `${key}_min`, message: `must not exceed ${key}_max (got ${min} > ${max})` });
      continue;
    }
    if (min !== undefined || max !== undefined) ranges[key] = { ...(min !== undefined && { min }), ...(max !== undefined && { max }) };
  }
  if (Object.keys(ranges).length > 0) result.ranges = ranges;
  errors.push(...withSafeNames(local));
  return result;
}

/** ?top= of the explanation and what-if endpoints. */
export function parseTopQuery(query: Query, errors: FieldError[]): { top: number } {
  const local: FieldError[] = [];
  rejectUnknown(query, ['top'], local);
  const top = parseIntParam(query['top'], 'top', 1, queryDefaults.maxTop, queryDefaults.top, local);
  errors.push(...withSafeNames(local));
  return { top };
}

/** Endpoints that take no query parameters reject any they are given. */
export function parseNoQuery(query: Query, errors: FieldError[]): Record<string, never> {
  const local: FieldError[] = [];
  rejectUnknown(query, [], local);
  errors.push(...withSafeNames(local));
  return {};
}

/** GET /v1/clients/points query: two model inputs to plot, and the list's filters. */
export interface ClientPointsQuery {
  x: string;
  y: string;
  filters: ClientListQuery;
}

const PAGING_KEYS = ['limit', 'offset', 'sort'];

export function parseClientPointsQuery(query: Query, errors: FieldError[], featureIndex: ReadonlyMap<string, number>): ClientPointsQuery {
  const local: FieldError[] = [];
  const { x: rawX, y: rawY, ...rest } = query;
  const axis = (raw: RawParam, field: 'x' | 'y'): string => {
    const name = parseTextParam(raw, field, queryDefaults.maxTextLength, local);
    if (name === undefined) local.push({ field, message: 'is required: the name of a model input (GET /v1/model lists them)' });
    else if (!featureIndex.has(name)) local.push({ field, message: `unknown model input ${JSON.stringify(name)}` });
    return name ?? '';
  };
  const x = axis(rawX, 'x');
  const y = axis(rawY, 'y');
  for (const key of PAGING_KEYS) {
    if (key in rest) local.push({ field: key, message: 'not accepted here: every matching client is returned' });
  }
  const filters = parseClientListQuery(Object.fromEntries(Object.entries(rest).filter(([k]) => !PAGING_KEYS.includes(k))), local);
  errors.push(...withSafeNames(local));
  return { x, y, filters };
}
