import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeClientStore } from '../testing/store-writer.js';
import { historyCounts, type ClientQuery, type ClientSummary } from './client-list.js';
import { SqliteClientStore } from './clients.js';

function row(id: number, fields: Partial<ClientSummary> = {}): ClientSummary {
  return {
    id, dataset: 'train', gender: 'F', age_years: 40, income: 100_000, credit_amount: 200_000, annuity: 10_000,
    contract_type: 'Cash loans', probability: 0.1, previous_applications: null, bureau_credits: null, late_months: null, ...fields,
  };
}

const base: ClientQuery = { limit: 10, offset: 0, sort: 'id', descending: false };

/** The rows as a format-2 store on disk: the list is SQL over it. */
function storeOf(rows: ClientSummary[]): { list(q: ClientQuery): { total: number; items: ClientSummary[] }; close(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pad-list-'));
  const file = path.join(dir, 'clients.sqlite');
  writeClientStore(file, rows.map(({ id, ...row }) => ({ id, row, vector: [0] })), { modelVersion: '0.1.0', featureCount: 1, chunk: 2 });
  const store = SqliteClientStore.open(file, 1, '0.1.0');
  return {
    list: (q) => store.list(q),
    close: () => {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('client list (SQL over the store)', () => {
  const rows = [
    row(1, { previous_applications: 3, bureau_credits: 1, income: 50_000, probability: 0.4 }),
    row(2, { previous_applications: 12, income: 300_000, probability: 0.05 }),
    row(3, { bureau_credits: 9, income: 900_000, probability: 0.3, dataset: 'new' }),
    row(4, { previous_applications: 12, late_months: 4, income: null, probability: 0.2 }),
    row(5, { previous_applications: 0, bureau_credits: 2, income: 120_000, probability: 0.09 }),
  ];
  const list = storeOf(rows);
  after(() => list.close());

  it('sorts by a history count with missing values last in both directions, ties by id', () => {
    expect(list.list({ ...base, sort: 'previous_applications', descending: true }).items.map((r) => r.id)).to.deep.equal([4, 2, 1, 5, 3]);
    expect(list.list({ ...base, sort: 'previous_applications', descending: false }).items.map((r) => r.id)).to.deep.equal([5, 1, 2, 4, 3]);
    expect(list.list({ ...base, sort: 'income', descending: true }).items.map((r) => r.id)).to.deep.equal([3, 2, 5, 1, 4]);
  });

  it('filters on probability bounds, ranges and dataset, counting every match and paging after filtering', () => {
    const refused = list.list({ ...base, probabilityMin: 0.2, sort: 'income', descending: true, limit: 1 });
    expect(refused.total).to.equal(3);
    expect(refused.items.map((r) => r.id)).to.deep.equal([3]);
    const granted = list.list({ ...base, probabilityBelow: 0.2 });
    expect(granted.items.map((r) => r.id)).to.deep.equal([2, 5]);
    const ranged = list.list({ ...base, ranges: { bureau_credits: { min: 2 } } });
    expect(ranged.items.map((r) => r.id)).to.deep.equal([3, 5]);
    const capped = list.list({ ...base, ranges: { income: { min: 100_000, max: 300_000 } }, dataset: 'train' });
    expect(capped.items.map((r) => r.id)).to.deep.equal([2, 5]);
    const page = list.list({ ...base, limit: 2, offset: 2 });
    expect(page).to.deep.equal({ total: 5, items: [rows[2], rows[3]] });
    expect(list.list({ ...base, q: '4' }).items.map((r) => r.id)).to.deep.equal([4]);
  });

  it('pages across the clients with and without the sort value, in both directions, with ties by id', () => {
    const desc = { ...base, sort: 'previous_applications', descending: true } as const;
    const pages = [0, 2, 4].map((offset) => list.list({ ...desc, limit: 2, offset }).items.map((r) => r.id));
    expect(pages).to.deep.equal([[4, 2], [1, 5], [3]]);
    expect(list.list({ ...base, sort: 'bureau_credits', descending: false, limit: 2, offset: 3 }).items.map((r) => r.id)).to.deep.equal([2, 4]);
    expect(list.list({ ...base, sort: 'bureau_credits', descending: true, offset: 3 }).items.map((r) => r.id)).to.deep.equal([4, 2]);
    expect(list.list({ ...base, sort: 'id', descending: true, limit: 2, offset: 1 })).to.deep.equal({ total: 5, items: [rows[3], rows[2]] });
    expect(list.list({ ...base, offset: 10 })).to.deep.equal({ total: 5, items: [] });
  });

  it('keeps or drops the reviewed ids, and counts each filter separately', () => {
    const only = list.list({ ...base, ids: { only: true, ids: ['2', '4', '99', 'x'] } });
    expect(only).to.deep.equal({ total: 2, items: [rows[1], rows[3]] });
    const others = list.list({ ...base, ids: { only: false, ids: ['2', '4'] }, sort: 'income', descending: true });
    expect(others.total).to.equal(3);
    expect(others.items.map((r) => r.id)).to.deep.equal([3, 5, 1]);
    expect(list.list({ ...base, ids: { only: true, ids: [] } })).to.deep.equal({ total: 0, items: [] });
    expect(list.list({ ...base, gender: 'M' }).total).to.equal(0);
    expect(list.list({ ...base, gender: 'F' }).total).to.equal(5);
    expect(list.list({ ...base, q: '1%' }).total).to.equal(0);
  });

  it('reads history counts from the model inputs: late months are share x months of POS and card history', () => {
    const index = new Map([['PREV_APPLICATION_COUNT', 0], ['BUREAU_CREDIT_COUNT', 1], ['POS_MONTH_COUNT', 2], ['POS_LATE_MONTH_SHARE', 3], ['CC_MONTH_COUNT', 4], ['CC_LATE_MONTH_SHARE', 5]]);
    expect(historyCounts([7, NaN, 19, Math.fround(3 / 19), NaN, NaN], index)).to.deep.equal({ previous_applications: 7, bureau_credits: null, late_months: 3 });
    expect(historyCounts([NaN, 2, 10, 0.1, 96, Math.fround(2 / 96)], index)).to.deep.equal({ previous_applications: null, bureau_credits: 2, late_months: 3 });
    expect(historyCounts([NaN, NaN, NaN, NaN, NaN, NaN], index).late_months).to.equal(null);
    expect(historyCounts([1, 2], new Map())).to.deep.equal({ previous_applications: null, bureau_credits: null, late_months: null });
  });
});
