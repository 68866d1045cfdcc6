/** Query-string schemas of the GET endpoints. */
import type { FieldError } from '../errors.js';
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

const CLIENT_LIST_KEYS = [
  'limit', 'offset', 'sort', 'q', 'dataset', 'contract_type', 'gender',
  'age_min', 'age_max', 'income_min', 'income_max', 'credit_min', 'credit_max',
  'review',
] as const;

const SORT_VALUES: string[] = SORT_COLUMNS.flatMap((c) => [c, `-${c}`]);
const RANGES: Array<[string, keyof ClientQuery]> = [
  ['age_min', 'ageMin'], ['age_max', 'ageMax'], ['income_min', 'incomeMin'],
  ['income_max', 'incomeMax'], ['credit_min', 'creditMin'], ['credit_max', 'creditMax'],
];

function withSafeNames(errors: FieldError[]): FieldError[] {
  return errors.map((e) => ({ field: safeFieldName(e.field), message: e.message }));
}

/** GET /v1/clients query; errors name every bad or unknown parameter. */
export function parseClientListQuery(query: Query, errors: FieldError[]): ClientQuery {
  const local: FieldError[] = [];
  rejectUnknown(query, CLIENT_LIST_KEYS, local);
  const sort = parseEnumParam(query['sort'], 'sort', SORT_VALUES, local) ?? 'id';
  const result: ClientQuery = {
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
  for (const [key, target] of RANGES) {
    const value = parseNumberParam(query[key], key, local);
    if (value !== undefined) (result as unknown as Record<string, number>)[target] = value;
  }
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
