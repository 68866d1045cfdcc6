import { expect } from 'chai';
import { ifNoneMatchHits, staticDoc } from './static-doc.js';

describe('static documents', () => {
  it('derives a strong ETag from the content', () => {
    const a = staticDoc({ x: 1 });
    expect(a.etag).to.match(/^"[\w-]+"$/);
    expect(staticDoc({ x: 1 }).etag).to.equal(a.etag);
    expect(staticDoc({ x: 2 }).etag).to.not.equal(a.etag);
  });

  it('matches If-None-Match lists, weak tags and *', () => {
    expect(ifNoneMatchHits('"a", W/"b"', ['"b"'])).to.equal(true);
    expect(ifNoneMatchHits('*', ['"x"'])).to.equal(true);
    expect(ifNoneMatchHits('"a"', ['"b"'])).to.equal(false);
  });
});
