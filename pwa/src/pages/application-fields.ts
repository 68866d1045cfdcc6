/**
 * Rendering of one schema column as a form field (label with unit, control, range hint, the
 * reason it is refused). Render helpers, not components: the fields stay in the page's shadow
 * root, so labels, aria-describedby and focus all resolve in one tree.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { SchemaColumn } from '../api/application-types.js';
import { fieldKey, fieldText, type FieldIssue, type FieldRef, type FormState } from '../application/form-model.js';
import { daysDisplay, defaults as unitDefaults, fromDays } from '../application/units.js';

const notEmployedDays = unitDefaults.notEmployedDays;
import { localLabel } from '../i18n/feature-text.js';
import { formatNumber } from '../i18n/format.js';
import { fill, msg } from '../i18n/i18n.js';
import type { Locale } from '../i18n/messages.js';

/** A DOM id for a field key: "application.AMT_CREDIT" -> "f-application-AMT_CREDIT". */
export function fieldId(key: string): string {
  return `f-${key.replace(/[^A-Za-z0-9_]+/g, '-').replace(/-+$/, '')}`;
}

/** The unit the advisor types in, shown after the label (none for counts, ratios and scores). */
export function unitText(column: SchemaColumn, table: string): string | null {
  const u = msg().application.units;
  if (column.type === 'days') {
    if (column.name === 'DAYS_BIRTH') return u.years;
    const d = daysDisplay(table, column.name);
    return d.unit === 'years' ? u.yearsAgo : d.direction === 'ahead' ? u.monthsAhead : u.monthsAgo;
  }
  switch ((column.unit ?? '').toLowerCase()) {
    case 'currency': case 'eur': case '€': return u.eur;
    case 'years': return u.years;
    case 'months': return u.months;
    case 'days': return u.days;
    default: return null;
  }
}

/**
 * The label of a field in the interface language. The schema describes DAYS_* columns in days
 * ("Date de naissance (jours avant la demande)"); the form asks in years or months, so the
 * parenthesis about days goes, and the birth date is asked as an age.
 */
export function fieldLabel(column: SchemaColumn, locale: Locale): string {
  if (column.name === 'DAYS_BIRTH') return msg().application.age;
  const label = localLabel(column, locale);
  return column.type === 'days' ? label.replace(/\s*\((days|jours)\b[^)]*\)\s*$/i, '') : label;
}

/** "De 18 à 100" from the schema's min/max, in the unit the advisor types. */
export function rangeText(column: SchemaColumn, table: string, locale: Locale): string | null {
  let { min, max } = column;
  // A choice list says what it accepts by itself; the "not employed" placeholder is a box, not a bound.
  if (column.allowed?.length || column.type === 'flag') return null;
  if (column.name === 'DAYS_EMPLOYED' && max === notEmployedDays) max = 0;
  if (min === undefined && max === undefined) return null;
  if (column.type === 'days') {
    const d = daysDisplay(table, column.name);
    const a = min === undefined ? undefined : fromDays(min, d);
    const b = max === undefined ? undefined : fromDays(max, d);
    // "ago" flips the order: the most negative day count is the longest time ago.
    [min, max] = a !== undefined && b !== undefined ? [Math.min(a, b), Math.max(a, b)] : d.direction === 'ago' ? [b, a] : [a, b];
  }
  const f = (v: number) => formatNumber(v, locale, column.type === 'days' ? 1 : 4);
  const m = msg().application;
  if (min !== undefined && max !== undefined) return fill(m.range, { min: f(min), max: f(max) });
  return min !== undefined ? fill(m.min, { min: f(min) }) : fill(m.max, { max: f(max!) });
}

export function issueText(issue: FieldIssue): string {
  return issue.source === 'form' ? msg().application.formError[issue.code] : issue.message;
}

export interface FieldHandlers {
  onInput: (column: SchemaColumn, ref: FieldRef, text: string) => void;
}

function control(column: SchemaColumn, ref: FieldRef, id: string, text: string, described: string, issue: FieldIssue | undefined, required: boolean, handlers: FieldHandlers, locale: Locale, disabled: boolean) {
  const m = msg();
  const onChange = (e: Event) => handlers.onInput(column, ref, (e.target as HTMLInputElement | HTMLSelectElement).value);
  const invalid = issue ? 'true' : 'false';
  const choices: [string, string][] | null = column.allowed?.length
    ? column.allowed.map((v, i) => [v, (locale === 'fr' ? column.allowed_fr?.[i] : undefined) ?? v])
    : column.type === 'flag' ? [['1', m.units.yes], ['0', m.units.no]] : null;
  if (choices) {
    const known = text === '' || choices.some(([v]) => v === text);
    return html`<select id=${id} name=${fieldKey(ref)} aria-invalid=${invalid} aria-describedby=${described || nothing} aria-required=${required ? 'true' : 'false'} @change=${onChange}>
      <option value="" ?selected=${text === ''}>${m.application.missingChoice}</option>
      ${choices.map(([v, label]) => html`<option value=${v} ?selected=${v === text}>${label}</option>`)}
      ${known ? nothing : html`<option value=${text} selected>${fill(m.application.unknownChoice, { v: text })}</option>`}
    </select>`;
  }
  return html`<input id=${id} name=${fieldKey(ref)} type="text" inputmode="decimal" autocomplete="off" .value=${text} ?disabled=${disabled}
    aria-invalid=${invalid} aria-describedby=${described || nothing} aria-required=${required ? 'true' : 'false'} @input=${onChange} />`;
}

export interface FieldOptions {
  required: boolean;
  locale: Locale;
  disabled?: boolean;
  /** Extra content after the control (the "not employed" box). */
  extra?: TemplateResult;
}

export function renderField(state: FormState, column: SchemaColumn, ref: FieldRef, handlers: FieldHandlers, options: FieldOptions) {
  const { locale, required } = options;
  const key = fieldKey(ref);
  const id = fieldId(key);
  const issue = state.issues[key];
  const unit = unitText(column, ref.table);
  const range = rangeText(column, ref.table, locale);
  const hintId = range ? `${id}-hint` : '';
  const errorId = issue ? `${id}-error` : '';
  const described = [errorId, hintId].filter(Boolean).join(' ');
  const text = fieldText(state, column, ref, locale);
  return html`<div class="field ${issue ? 'has-error' : ''}" data-field=${key}>
    <label for=${id}>${fieldLabel(column, locale)}${unit ? html` <span class="unit">(${unit})</span>` : nothing}${required
      ? html`<span class="req" aria-hidden="true"> *</span><span class="sr-only"> (${msg().application.required})</span>` : nothing}</label>
    ${control(column, ref, id, text, described, issue, required, handlers, locale, options.disabled ?? false)}
    ${options.extra ?? nothing}
    ${range ? html`<span class="hint muted" id=${hintId}>${range}</span>` : nothing}
    ${issue ? html`<p class="field-error" id=${errorId}><span aria-hidden="true">⚠ </span>${issueText(issue)}</p>` : nothing}
  </div>`;
}
