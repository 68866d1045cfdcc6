import { describe, expect, it } from 'vitest';
import { schemaFixture as schema } from './fixtures.js';
import {
  addRow, applyApiErrors, columnOf, displayText, emptyForm, emptyRows, fieldKey, fieldText, formIssues, fromBody, isNotEmployed, parseFieldKey,
  parseInput, removeRow, setField, setNotEmployed, toBody, type FieldRef,
} from './form-model.js';

const col = (table: string, name: string) => columnOf(schema, table, name)!;
const app = (column: string): FieldRef => ({ table: 'application', column });
const type = (state: ReturnType<typeof emptyForm>, column: string, text: string) => setField(state, col('application', column), app(column), text);

describe('application form model', () => {
  it('builds the API body in Kaggle units from what the advisor types', () => {
    let s = emptyForm();
    s = type(s, 'AMT_CREDIT', '406 597,5');
    s = type(s, 'DAYS_BIRTH', '35');
    s = type(s, 'CNT_CHILDREN', '2');
    s = type(s, 'NAME_CONTRACT_TYPE', 'Cash loans');
    s = type(s, 'FLAG_OWN_CAR', 'N');
    s = type(s, 'FLAG_MOBIL', '1');
    s = type(s, 'EXT_SOURCE_2', '');
    expect(toBody(s)).toEqual({
      application: { AMT_CREDIT: 406597.5, DAYS_BIRTH: -12784, CNT_CHILDREN: 2, NAME_CONTRACT_TYPE: 'Cash loans', FLAG_OWN_CAR: 'N', FLAG_MOBIL: 1 },
    });
    expect(formIssues(s)).toEqual([]);
  });

  it('marks unreadable text on its field and sends nothing for it', () => {
    let s = type(emptyForm(), 'AMT_CREDIT', '40 000 €');
    s = type(s, 'CNT_CHILDREN', '1,5');
    expect(s.issues).toEqual({ 'application.AMT_CREDIT': { source: 'form', code: 'number' }, 'application.CNT_CHILDREN': { source: 'form', code: 'integer' } });
    expect(toBody(s)).toEqual({ application: {} });
    expect(formIssues(s)).toEqual(['application.AMT_CREDIT', 'application.CNT_CHILDREN']);
    s = type(s, 'AMT_CREDIT', '40000');
    expect(formIssues(s)).toEqual(['application.CNT_CHILDREN']);
    // What the advisor typed stays as typed, even while it is not a value yet.
    expect(fieldText(s, col('application', 'CNT_CHILDREN'), app('CNT_CHILDREN'), 'fr')).toBe('1,5');
  });

  it('shows imported values in the advisor units and keeps them exact until edited', () => {
    const s = fromBody({ id: 'LOS-17', application: { DAYS_BIRTH: -9461, AMT_CREDIT: 406597.5, DAYS_EMPLOYED: 365243 } });
    expect(fieldText(s, col('application', 'DAYS_BIRTH'), app('DAYS_BIRTH'), 'fr')).toBe('25,9');
    expect(fieldText(s, col('application', 'AMT_CREDIT'), app('AMT_CREDIT'), 'en')).toBe('406597.5');
    expect(isNotEmployed(s)).toBe(true);
    expect(displayText(col('application', 'DAYS_EMPLOYED'), 'application', 365243, 'fr')).toBe('');
    expect(toBody(s)).toEqual({ id: 'LOS-17', application: { DAYS_BIRTH: -9461, AMT_CREDIT: 406597.5, DAYS_EMPLOYED: 365243 } });
  });

  it('writes Kaggle placeholder 365243 for "not employed or retired" and clears it', () => {
    let s = type(emptyForm(), 'DAYS_EMPLOYED', '3');
    s = setNotEmployed(s, true);
    expect(s.application['DAYS_EMPLOYED']).toBe(365243);
    expect(s.texts).toEqual({});
    s = setNotEmployed(s, false);
    expect(toBody(s).application).toEqual({});
  });

  it('adds and removes history rows, dropping the typed texts of shifted rows', () => {
    let s = addRow(addRow(emptyForm(), 'bureau'), 'bureau');
    s = setField(s, col('bureau', 'DAYS_CREDIT'), { table: 'bureau', row: 0, column: 'DAYS_CREDIT' }, '12');
    s = setField(s, col('bureau', 'AMT_CREDIT_SUM'), { table: 'bureau', row: 1, column: 'AMT_CREDIT_SUM' }, 'x');
    expect(toBody(s).bureau).toEqual([{ DAYS_CREDIT: -365 }, {}]);
    expect(emptyRows(s)).toEqual([{ table: 'bureau', row: 1 }]);
    s = removeRow(s, 'bureau', 0);
    expect(s.history.bureau).toEqual([{ AMT_CREDIT_SUM: null }]);
    expect(s.issues).toEqual({});
    expect(toBody(removeRow(s, 'bureau', 0)).bureau).toBeUndefined();
  });

  it('keeps imported history (nested monthly balances included) as it came', () => {
    const bureau = [{ CREDIT_ACTIVE: 'Closed', DAYS_CREDIT: -1437, bureau_balance: [{ MONTHS_BALANCE: -1, STATUS: 'C' }] }];
    expect(toBody(fromBody({ application: { AMT_CREDIT: 1 }, bureau })).bureau).toEqual(bureau);
  });

  it('puts the API reasons on the fields they name, replacing the previous ones', () => {
    let s = type(emptyForm(), 'CNT_CHILDREN', 'x');
    s = applyApiErrors(s, [
      { field: 'application.AMT_CREDIT', message: 'must be >= 0', value: -5 },
      { field: 'bureau[2].bureau_balance[0].STATUS', message: 'unknown STATUS "Z"', value: 'Z' },
    ]);
    expect(s.issues['application.AMT_CREDIT']).toEqual({ source: 'api', message: 'must be >= 0', value: -5 });
    expect(s.issues['application.CNT_CHILDREN']).toEqual({ source: 'form', code: 'number' });
    s = applyApiErrors(s, [{ field: 'application.DAYS_BIRTH', message: 'missing' }]);
    expect(Object.keys(s.issues).sort()).toEqual(['application.CNT_CHILDREN', 'application.DAYS_BIRTH']);
  });

  it('maps the API field paths to form fields, and leaves nested paths to the summary', () => {
    expect(parseFieldKey('application.AMT_CREDIT')).toEqual({ table: 'application', column: 'AMT_CREDIT' });
    expect(parseFieldKey('bureau[2].AMT_CREDIT_SUM')).toEqual({ table: 'bureau', row: 2, column: 'AMT_CREDIT_SUM' });
    expect(parseFieldKey('bureau[2].bureau_balance[0].STATUS')).toBeNull();
    expect(parseFieldKey('unknown[0].X')).toBeNull();
    expect(parseFieldKey('application')).toBeNull();
    expect(fieldKey({ table: 'previous_application', row: 3, column: 'AMT_APPLICATION' })).toBe('previous_application[3].AMT_APPLICATION');
  });

  it('treats categories as their text and flags without text values as 0/1', () => {
    expect(parseInput(col('application', 'NAME_CONTRACT_TYPE'), 'application', 'Revolving loans')).toEqual({ ok: true, value: 'Revolving loans' });
    expect(parseInput(col('application', 'FLAG_MOBIL'), 'application', '0')).toEqual({ ok: true, value: 0 });
    expect(parseInput(col('application', 'FLAG_OWN_CAR'), 'application', 'Y')).toEqual({ ok: true, value: 'Y' });
  });
});
