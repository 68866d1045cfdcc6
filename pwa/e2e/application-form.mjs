// Filling "Nouvelle demande" as an advisor would for a real applicant of the sample: the fields the
// schema requires plus the loan terms and scores an advisor usually has, typed in the units the form
// shows (ages and durations in years). Returns the Kaggle body the page should send.
import { apiValue, applicationRow } from './sample.mjs';

const daysPerYear = 365.25;

/** The CSS id of a form field ("application.AMT_CREDIT" -> "#f-application-AMT_CREDIT"). */
export const fieldSelector = (key) => `#f-${key.replace(/[^A-Za-z0-9_]+/g, '-').replace(/-+$/, '')}`;

/** What the advisor types in a field for a raw value: years for DAYS_* (six decimals round back to the same day). */
function typedText(column, value) {
  if (column.type === 'days') return String(Number((-value / daysPerYear).toFixed(6))).replace('.', ',');
  return String(value).replace('.', ',');
}

export async function fillApplicant(page, schema, applicantId) {
  const { row } = applicationRow(applicantId);
  const columns = new Map(schema.tables.application.columns.map((c) => [c.name, c]));
  const names = [...new Set([...schema.required, 'NAME_CONTRACT_TYPE', 'AMT_ANNUITY', 'AMT_GOODS_PRICE', 'EXT_SOURCE_2', 'EXT_SOURCE_3', 'CODE_GENDER'])]
    .filter((n) => columns.has(n) && row[n] !== '');
  const expected = { application: {} };
  for (const name of names) {
    const column = columns.get(name);
    const value = apiValue(column, row[name]);
    expected.application[name] = value;
    const field = page.locator(fieldSelector(`application.${name}`));
    if (name === 'DAYS_EMPLOYED' && value === 365243) {
      await page.locator('[data-field="application.DAYS_EMPLOYED"] input[type="checkbox"]').check();
    } else if (await field.evaluate((el) => el.tagName === 'SELECT')) {
      await field.selectOption(String(value));
    } else {
      await field.fill(typedText(column, value));
    }
  }
  return expected;
}
