import { describe, expect, it } from 'vitest';
import { schemaFixture as schema } from './fixtures.js';
import { ImportError, importApplication, parseCsv } from './import-file.js';

const failure = (file: string, text: string) => {
  try {
    importApplication(file, text, schema);
  } catch (error) {
    if (error instanceof ImportError) return { code: error.code, ...error.details };
    throw error;
  }
  throw new Error('no error');
};

describe('application file import', () => {
  it('reads a Kaggle application CSV row: numbers as numbers, text as text, empty as missing', () => {
    const csv = 'SK_ID_CURR,TARGET,NAME_CONTRACT_TYPE,AMT_CREDIT,DAYS_BIRTH,FLAG_OWN_CAR,FLAG_MOBIL,EXT_SOURCE_2,COLUMN_X\r\n'
      + '100002,1,Cash loans,406597.5,-9461,N,1,,7\r\n';
    expect(importApplication('loan.csv', csv, schema)).toEqual({
      body: { id: 100002, application: { SK_ID_CURR: 100002, NAME_CONTRACT_TYPE: 'Cash loans', AMT_CREDIT: 406597.5, DAYS_BIRTH: -9461, FLAG_OWN_CAR: 'N', FLAG_MOBIL: 1, EXT_SOURCE_2: null } },
      ignored: ['TARGET', 'COLUMN_X'],
    });
  });

  it('names the file, the column and the row of a value that is not a number', () => {
    expect(failure('loan.csv', 'AMT_CREDIT,DAYS_BIRTH\n406597.5,trente ans\n')).toEqual({ code: 'number', column: 'DAYS_BIRTH', row: 2, value: 'trente ans' });
    expect(String(new ImportError('loan.csv', 'number', { column: 'DAYS_BIRTH', row: 2, value: 'x' }).message)).toBe('loan.csv: number (column DAYS_BIRTH, row 2: "x")');
  });

  it('refuses a CSV with no data row, several applications, ragged rows or an open quote', () => {
    expect(failure('a.csv', 'AMT_CREDIT\n')).toEqual({ code: 'csv-empty' });
    expect(failure('a.csv', 'AMT_CREDIT\n1\n2\n')).toEqual({ code: 'csv-rows', count: 2 });
    expect(failure('a.csv', 'AMT_CREDIT,DAYS_BIRTH\n1\n')).toEqual({ code: 'csv-width', row: 2, count: 1, value: '2' });
    expect(failure('a.csv', 'AMT_CREDIT\n"1\n')).toEqual({ code: 'csv-quote', row: 2 });
  });

  it('splits quoted CSV fields with commas, doubled quotes and a BOM', () => {
    expect(parseCsv('\ufeffa,b\n"x, y","say ""hi"""\n\n', 'f.csv')).toEqual([['a', 'b'], ['x, y', 'say "hi"']]);
  });

  it('reads a JSON file in the API body shape, with its history and id', () => {
    const body = { id: 'LOS-1', application: { SK_ID_CURR: 7, AMT_CREDIT: 1000, TARGET: 0, CODE_X: 'a' }, bureau: [{ CREDIT_ACTIVE: 'Active', bureau_balance: [{ MONTHS_BALANCE: 0, STATUS: 'X' }] }] };
    expect(importApplication('export.json', JSON.stringify(body), schema)).toEqual({
      body: { id: 'LOS-1', application: { SK_ID_CURR: 7, AMT_CREDIT: 1000 }, bureau: body.bureau }, ignored: ['TARGET', 'CODE_X'],
    });
  });

  it('refuses JSON that is not JSON, has no application object, or holds objects as values', () => {
    expect(failure('x.json', '{nope')).toEqual({ code: 'json' });
    expect(failure('x.json', '{"AMT_CREDIT": 1}')).toEqual({ code: 'shape', key: 'application' });
    expect(failure('x.json', '{"application": {}, "bureau": {"a": 1}}')).toEqual({ code: 'shape', key: 'bureau' });
    expect(failure('x.json', '{"application": {"AMT_CREDIT": {"v": 1}}}')).toEqual({ code: 'format', column: 'application.AMT_CREDIT', value: '{"v":1}' });
  });

  it('recognises JSON by its content when the file has another extension', () => {
    expect(importApplication('export.txt', ' {"application": {"AMT_CREDIT": 5}}', schema).body).toEqual({ application: { AMT_CREDIT: 5 } });
  });
});
