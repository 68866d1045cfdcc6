import { describe, expect, it } from 'vitest';
import { parseDraft, type EditableField } from './what-if-form.js';

const fields: EditableField[] = [
  { feature: 'EXT_SOURCE_2', info: undefined, original: 0.21 },
  { feature: 'AMT_CREDIT', info: undefined, original: 450000 },
  { feature: 'OWN_CAR', info: undefined, original: null },
];

describe('what-if draft', () => {
  it('sends only the values that differ, reading a decimal comma', () => {
    expect(parseDraft(fields, { EXT_SOURCE_2: '0,6', AMT_CREDIT: '450000' })).toEqual({ changes: { EXT_SOURCE_2: 0.6 }, invalid: [] });
  });

  it('turns an emptied field into a missing value and a filled missing one into a number', () => {
    expect(parseDraft(fields, { AMT_CREDIT: ' ', OWN_CAR: '1' }).changes).toEqual({ AMT_CREDIT: null, OWN_CAR: 1 });
  });

  it('names fields that are not numbers instead of sending them', () => {
    expect(parseDraft(fields, { EXT_SOURCE_2: 'abc' })).toEqual({ changes: {}, invalid: ['EXT_SOURCE_2'] });
  });
});
