/**
 * Rendering of one schema column as a form field (label with unit, control, range hint, the
 * reason it is refused). Render helpers, not components: the fields stay in the page's shadow
 * root, so labels, aria-describedby and focus all resolve in one tree.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ApplicationSchema, SchemaColumn } from '../api/application-types.js';
import { columnOf, fieldKey, fieldText, parseFieldKey, type FieldIssue, type FieldRef, type FormState } from '../application/form-model.js';
import { localReason, type LocalReason } from '../application/api-reasons.js';
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

/** What is wrong with a field, in the advisor's language (an API reason it cannot read stays in English). */
export function issueText(issue: FieldIssue, column: SchemaColumn | undefined, table: string, locale: Locale): LocalReason {
  if (issue.source === 'form') return { text: msg().application.formError[issue.code], lang: locale };
  return localReason(issue.message, locale, column ? rangeText(column, table, locale) : null);
}

/** An API reason of the refused list, read like the one beside its field. */
export function refusedReason(schema: ApplicationSchema, e: { field: string; message: string }, locale: Locale): LocalReason {
  const ref = parseFieldKey(e.field);
  const column = ref ? columnOf(schema, ref.table, ref.column) : undefined;
  return localReason(e.message, locale, column && ref ? rangeText(column, ref.table, locale) : null);
}

/** "Revenu annuel" or "Crédits en cours…, ligne 2 : Montant": a refused field as the form names it. */
export function refusedField(schema: ApplicationSchema, field: string, locale: Locale): string {
  const m = msg().application;
  const ref = parseFieldKey(field);
  const column = ref ? columnOf(schema, ref.table, ref.column) : undefined;
  if (!ref || !column) return field;
  const label = fieldLabel(column, locale);
  if (ref.table === 'application') return label;
  const table = (m.sections as Record<string, string>)[ref.table] ?? ref.table;
  return `${table}, ${fill(m.rowHeading, { n: (ref.row ?? 0) + 1 }).toLowerCase()} : ${label}`;
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
  const reason = issue ? issueText(issue, column, ref.table, locale) : null;
  return html`<div class="field ${issue ? 'has-error' : ''}" data-field=${key}>
    <label for=${id}>${fieldLabel(column, locale)}${unit ? html` <span class="unit">(${unit})</span>` : nothing}${required
      ? html`<span class="req" aria-hidden="true"> *</span><span class="sr-only"> (${msg().application.required})</span>` : nothing}</label>
    ${control(column, ref, id, text, described, issue, required, handlers, locale, options.disabled ?? false)}
    ${options.extra ?? nothing}
    ${range ? html`<span class="hint muted" id=${hintId}>${range}</span>` : nothing}
    ${reason ? html`<p class="field-error" id=${errorId}><span aria-hidden="true">⚠ </span><span lang=${reason.lang}>${reason.text}</span></p>` : nothing}
  </div>`;
}
