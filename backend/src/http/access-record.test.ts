import { expect } from 'chai';
import type { Context } from 'koa';
import { describeAccess, describeApplicationAccess } from './access-record.js';

const ctx = (fields: Record<string, unknown>): Context => ({ state: {}, ...fields }) as unknown as Context;

describe('what an access was about', () => {
  it('names the stored client of /:id routes, else counts the items answered', () => {
    expect(describeAccess(ctx({ params: { id: '100002' }, body: { id: 100002 } }))).to.deep.equal({ clientId: '100002', applicationId: null, records: 1 });
    expect(describeAccess(ctx({ params: {}, body: { items: [1, 2, 3] } }))).to.deep.equal({ clientId: null, applicationId: null, records: 3 });
    expect(describeAccess(ctx({ body: { results: [1, 2] } }))).to.deep.equal({ clientId: null, applicationId: null, records: 2 });
  });

  it("names the caller's application id of application routes, or counts a batch", () => {
    expect(describeApplicationAccess(ctx({ state: { input: { body: { id: 'app-7', application: {} } } }, body: {} }))).to.deep.equal({ clientId: null, applicationId: 'app-7', records: 1 });
    expect(describeApplicationAccess(ctx({ state: { input: { body: { applications: [{}, {}] } } }, body: { results: [{}, {}] } }))).to.deep.equal({ clientId: null, applicationId: null, records: 2 });
  });
});
