import { expect } from 'chai';
import { checkSchema } from './schema-check.js';

describe('schema checker used by the contract test', () => {
  const components = { Item: { type: 'object', properties: { n: { type: 'integer' }, s: { type: ['string', 'null'] } }, required: ['n'] } };
  const list = { type: 'array', items: { $ref: '#/components/schemas/Item' } };

  it('accepts conforming values', () => {
    expect(checkSchema([{ n: 1, s: null }, { n: 2, s: 'x' }], list, components)).to.deep.equal([]);
  });

  it('reports wrong types, missing required and undocumented properties', () => {
    expect(checkSchema([{ n: 1.5 }, { s: 'x' }, { n: 1, extra: true }], list, components)).to.deep.equal([
      '$[0].n: expected "integer", got number',
      '$[1]: missing n',
      '$[2]: undocumented property extra',
    ]);
    expect(checkSchema('granted', { enum: ['refused'] }, {})).to.have.length(1);
  });
});
