import { expect } from 'chai';
import type { FieldError } from '../errors.js';
import { parseScoreBody } from './bodies.js';
import { parseId } from './fields.js';
import { parseClientListQuery, parseTopQuery } from './queries.js';

const index = new Map([['A', 0], ['B', 1], ['C', 2]]);

describe('request schemas', () => {
  it('parses ids as positive integers only', () => {
    const errors: FieldError[] = [];
    expect(parseId('100002', errors)).to.equal(100002);
    for (const bad of ['0', '-1', '1.0', '1e3', ' 1', 'abc', '99999999999999999', '']) parseId(bad, errors);
    expect(errors).to.have.length(8);
    expect(errors.every((e) => e.field === 'id')).to.equal(true);
  });

  it('parses the client list query with defaults', () => {
    const errors: FieldError[] = [];
    expect(parseClientListQuery({}, errors)).to.deep.equal({ limit: 25, offset: 0, sort: 'id', descending: false });
    const q = parseClientListQuery({
      limit: '100', sort: '-previous_applications', q: '1000', dataset: 'new', income_min: '1000.5', bureau_credits_max: '4', decision: 'refused',
    }, errors);
    expect(q).to.include({ limit: 100, sort: 'previous_applications', descending: true, q: '1000', dataset: 'new', decision: 'refused' });
    expect(q.ranges).to.deep.equal({ income: { min: 1000.5 }, bureau_credits: { max: 4 } });
    expect(errors).to.deep.equal([]);
  });

  it('names unknown and invalid query parameters', () => {
    const errors: FieldError[] = [];
    parseClientListQuery({ limit: 'x', offset: '-1', dataset: 'old', q: '-12', credit_max: '1e400', foo: '1' }, errors);
    expect(errors.map((e) => e.field).sort()).to.deep.equal(['credit_max', 'dataset', 'foo', 'limit', 'offset', 'q']);
    const topErrors: FieldError[] = [];
    expect(parseTopQuery({ top: '7' }, topErrors)).to.deep.equal({ top: 7 });
    parseTopQuery({ top: '7.5', x: 'y' }, topErrors);
    expect(topErrors.map((e) => e.field)).to.deep.equal(['x', 'top']);
  });

  it('turns a score body into a NaN-filled float32 matrix in feature order', () => {
    const errors: FieldError[] = [];
    const r = parseScoreBody({ records: [{ id: 'x', B: 0.1 }, { A: null, C: 3 }] }, index, errors);
    expect(errors).to.deep.equal([]);
    expect(r.ids).to.deep.equal(['x', undefined]);
    expect(r.rows[1]).to.equal(Math.fround(0.1));
    expect(Number.isNaN(r.rows[0]!) && Number.isNaN(r.rows[3]!)).to.equal(true);
    expect(r.rows[5]).to.equal(3);
    expect(r).to.include({ explain: false, top: 5 });
  });

  it('caps errors[] on a very bad batch', () => {
    const errors: FieldError[] = [];
    parseScoreBody({ records: Array.from({ length: 1000 }, () => ({ Z: 1 })) }, index, errors);
    expect(errors).to.have.length(100);
    expect(errors[0]).to.deep.equal({ field: 'records[0].Z', message: 'unknown feature' });
  });

});
