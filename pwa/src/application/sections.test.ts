import { describe, expect, it } from 'vitest';
import { schemaFixture } from './fixtures.js';
import { applicationSections, historySection, isRequired } from './sections.js';

describe('form sections', () => {
  it('places every schema column once, in the order an advisor asks, the rest under "other"', () => {
    const sections = applicationSections(schemaFixture);
    expect(sections.map((s) => [s.key, s.columns.map((c) => c.name)])).toEqual([
      ['loan', ['NAME_CONTRACT_TYPE', 'AMT_CREDIT', 'AMT_ANNUITY', 'AMT_GOODS_PRICE']],
      ['applicant', ['DAYS_BIRTH', 'EXT_SOURCE_2', 'FLAG_OWN_CAR']],
      ['income', ['AMT_INCOME_TOTAL', 'DAYS_EMPLOYED']],
      ['household', ['CNT_CHILDREN']],
      ['other', ['FLAG_MOBIL', 'HOUR_APPR_PROCESS_START']],
    ]);
    const all = sections.flatMap((s) => s.columns.map((c) => c.name)).sort();
    expect(all).toEqual(schemaFixture.tables.application.columns.map((c) => c.name).sort());
    expect(sections.at(-1)!.open).toBe(false);
  });

  it('opens "other" when it holds a required column', () => {
    const schema = { ...schemaFixture, required: [...schemaFixture.required, 'FLAG_MOBIL'] };
    expect(applicationSections(schema).at(-1)!.open).toBe(true);
    expect(isRequired(schema, schemaFixture.tables.application.columns.find((c) => c.name === 'FLAG_MOBIL')!, 'application')).toBe(true);
  });

  it('offers the history columns the schema describes', () => {
    expect(historySection(schemaFixture, 'bureau').map((c) => c.name)).toEqual(['CREDIT_ACTIVE', 'DAYS_CREDIT', 'DAYS_CREDIT_ENDDATE', 'AMT_CREDIT_SUM']);
    expect(historySection({ ...schemaFixture, tables: { application: schemaFixture.tables.application } }, 'bureau')).toEqual([]);
  });
});
