import { expect } from 'chai';
import type { FieldError } from '../errors.js';
import { tinyBody, tinySchema } from '../testing/tiny-features.js';
import { ErrorList, parseApplication } from './application-body.js';

const schema = tinySchema();

function parse(body: unknown): { app: ReturnType<typeof parseApplication>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  return { app: parseApplication(schema, body, new ErrorList(errors)), errors };
}

describe('application body', () => {
  it('accepts an application in the Kaggle vocabulary with its history', () => {
    const { app, errors } = parse(tinyBody({
      id: 'ext-1',
      bureau: [{ SK_ID_BUREAU: 7, DAYS_CREDIT: -100, CREDIT_ACTIVE: 'Active', bureau_balance: [{ MONTHS_BALANCE: 0, STATUS: '1' }, { MONTHS_BALANCE: -1, STATUS: 'C' }] }],
      previous_application: [{ SK_ID_PREV: 9, AMT_APPLICATION: 5000 }],
      POS_CASH_balance: [{ SK_ID_PREV: 9, MONTHS_BALANCE: -2, SK_DPD: 3 }],
    }));
    expect(errors).to.deep.equal([]);
    expect(app!.id).to.equal('ext-1');
    expect(app!.tables.bureau_balance.map((m) => m['SK_ID_BUREAU'])).to.deep.equal([7, 7]);
    expect(app!.tables.application[0]!['NAME_CONTRACT_TYPE']).to.equal('Cash loans');
  });

  it('lists every missing required field of an empty application, with null as the value', () => {
    const { app, errors } = parse({ application: {} });
    expect(app).to.equal(undefined);
    expect(errors.map((e) => e.field)).to.deep.equal(['application.AMT_INCOME_TOTAL', 'application.AMT_CREDIT', 'application.DAYS_BIRTH']);
    expect(errors.every((e) => e.value === null && e.message.startsWith('is required'))).to.equal(true);
    expect(parse({}).errors).to.have.length(3);
  });

  it('names the field and the value of an unknown column, a wrong type, an implausible value and an unknown category', () => {
    const { errors } = parse(tinyBody({
      application: { AMT_INCOME_TOTAL: -5, AMT_CREDIT: '1000', DAYS_BIRTH: -3000, EXT_SOURCE_2: 1.5, NAME_CONTRACT_TYPE: 'Mortgage', NOPE: 1, FLAG_OWN_CAR: 1 },
    }));
    const byField = new Map(errors.map((e) => [e.field, e]));
    expect(byField.get('application.AMT_INCOME_TOTAL')).to.include({ value: -5 });
    expect(byField.get('application.AMT_INCOME_TOTAL')!.message).to.match(/implausible/);
    expect(byField.get('application.AMT_CREDIT')).to.deep.equal({ field: 'application.AMT_CREDIT', message: 'must be a number', value: '1000' });
    expect(byField.get('application.DAYS_BIRTH')!.message).to.match(/between -36525 and -6574/);
    expect(byField.get('application.EXT_SOURCE_2')).to.include({ value: 1.5 });
    expect(byField.get('application.NAME_CONTRACT_TYPE')!.message).to.match(/unknown category; allowed: Cash loans, Revolving loans/);
    expect(byField.get('application.NOPE')!.message).to.equal('unknown column of application');
    expect(byField.get('application.FLAG_OWN_CAR')!.value).to.equal(1);
    // A required field with a bad value is reported once, for its value.
    expect(errors.filter((e) => e.field === 'application.AMT_CREDIT')).to.have.length(1);
  });

  it('refuses history rows of another applicant, of another credit, or of no credit', () => {
    const { errors } = parse(tinyBody({
      application: { ...(tinyBody()['application'] as object), SK_ID_CURR: 5 },
      bureau: [{ SK_ID_BUREAU: 1, SK_ID_CURR: 6, bureau_balance: [{ SK_ID_BUREAU: 2, MONTHS_BALANCE: 0, STATUS: 'X' }] }, { SK_ID_BUREAU: 1 }],
      POS_CASH_balance: [{ MONTHS_BALANCE: -1, SK_DPD: 0 }],
      previous_application: 'no',
    }));
    expect(errors.map((e) => e.field)).to.have.members([
      'bureau[0].SK_ID_CURR', 'bureau[0].bureau_balance[0].SK_ID_BUREAU', 'bureau[1].SK_ID_BUREAU', 'POS_CASH_balance[0].SK_ID_PREV', 'previous_application',
    ]);
  });

  it('gives credits without an id one that nothing else uses, and nests months under their credit', () => {
    const { app } = parse(tinyBody({
      bureau: [{ DAYS_CREDIT: -1, bureau_balance: [{ MONTHS_BALANCE: 0, STATUS: '0' }] }, { SK_ID_BUREAU: 4 }],
      previous_application: [{ AMT_APPLICATION: 1 }],
      POS_CASH_balance: [{ SK_ID_PREV: 12, MONTHS_BALANCE: 0 }],
    }));
    expect(app!.tables.bureau.map((b) => b['SK_ID_BUREAU'])).to.deep.equal([5, 4]);
    expect(app!.tables.bureau_balance[0]!['SK_ID_BUREAU']).to.equal(5);
    expect(app!.tables.previous_application[0]!['SK_ID_PREV']).to.equal(13);
  });

  it('refuses unknown top-level properties and non-object rows', () => {
    const { errors } = parse({ ...tinyBody(), extra: true, bureau: [3] });
    expect(errors.map((e) => e.field)).to.deep.equal(['extra', 'bureau[0]']);
  });
});
