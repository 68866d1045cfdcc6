/**
 * "Nouvelle demande": the form an advisor fills in with the applicant (or imports), scored by
 * POST /v1/applications, then shown like a stored client: score, grouped reasons, comparison,
 * loan simulation. The application is held in this page's memory only: never in IndexedDB,
 * never in the service worker's cache (POST responses are not cached), gone when the page goes.
 */
import { Task, TaskStatus } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { announce } from '../announce.js';
import type { ApplicationBody, ApplicationSchema, ApplicationScore, SchemaColumn } from '../api/application-types.js';
import { ApiError } from '../api/client.js';
import {
  addRow, applyApiErrors, clearApiErrors, emptyForm, emptyRows, formIssues, fromBody, isNotEmployed, parseFieldKey, removeRow,
  setField, setNotEmployed, toBody, type FieldRef, type FormState,
} from '../application/form-model.js';
import { ImportError, importApplication } from '../application/import-file.js';
import { applicationSchema } from '../application/schema-loader.js';
import { applicationSections, editableHistory, historySection, isRequired, type Section } from '../application/sections.js';
import { decisionSentence } from '../charts/decision.js';
import '../components/application-result.js';
import { fill, getLocale, msg } from '../i18n/i18n.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { services } from '../services.js';
import { fieldId, refusedField, refusedReason, renderField } from './application-fields.js';
import { applicationStyles } from './application-page.styles.js';

type Status = { text: string; kind: 'error' | 'info' } | null;

@customElement('application-page')
export class ApplicationPage extends LitElement {
  static override styles = applicationStyles;

  @state() private form: FormState = emptyForm();
  @state() private status: Status = null;
  @state() private importStatus: Status = null;
  @state() private running = false;
  @state() private result: { score: ApplicationScore; body: ApplicationBody } | null = null;
  /** API reasons from the last refused request (listed at the top, each linked to its field). */
  @state() private refused: { field: string; message: string; value?: unknown }[] = [];
  /** Scoring an application needs the API: offline, the page says so instead of a form that cannot work. */
  @state() private online = services().connectivity.snapshot.status !== 'offline';

  private readonly schema = new Task(this, {
    task: async () => (await applicationSchema()).data,
    args: () => [] as const,
  });

  constructor() {
    super();
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    services().connectivity.addEventListener('change', this._onConnectivity);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    services().connectivity.removeEventListener('change', this._onConnectivity);
  }

  private _onConnectivity = (): void => {
    const online = services().connectivity.snapshot.status !== 'offline';
    if (online === this.online) return;
    this.online = online;
    // Back online after the schema could not be fetched: fetch it now, without a click.
    if (online && this.schema.status === TaskStatus.ERROR) void this.schema.run();
  };

  private handlers = {
    onInput: (column: SchemaColumn, ref: FieldRef, text: string) => {
      this.form = setField(this.form, column, ref, text);
    },
  };

  private _onNotEmployed(event: Event): void {
    this.form = setNotEmployed(this.form, (event.target as HTMLInputElement).checked);
  }

  private async _onImport(event: Event, schema: ApplicationSchema): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const m = msg().application.import;
    try {
      const { body, ignored } = importApplication(file.name, await file.text(), schema);
      this.form = fromBody(body);
      this.result = null;
      this.refused = [];
      const n = Object.values(body.application).filter((v) => v !== null).length;
      const text = [fill(m.done, { file: file.name, n }), ignored.length ? fill(m.ignored, { columns: ignored.join(', ') }) : ''].filter(Boolean).join(' ');
      this.importStatus = { text, kind: 'info' };
      announce(text);
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      const d = error.details;
      this.importStatus = { text: fill(m[error.code], { file: error.file, column: d.column ?? '', row: d.row ?? '', value: d.value ?? '', count: d.count ?? '', key: d.key ?? '' }), kind: 'error' };
    } finally {
      input.value = '';
    }
  }

  private _onAddRow(table: 'bureau' | 'previous_application'): void {
    this.form = addRow(this.form, table);
    const n = this.form.history[table]?.length ?? 0;
    announce(fill(msg().application.rowAdded, { n, table: msg().application.sections[table] }));
  }

  private _onRemoveRow(table: 'bureau' | 'previous_application', index: number): void {
    this.form = removeRow(this.form, table, index);
    announce(fill(msg().application.rowRemoved, { n: index + 1, table: msg().application.sections[table] }));
  }

  private _onClear(): void {
    this.form = emptyForm();
    this.result = null;
    this.refused = [];
    this.status = null;
    this.importStatus = null;
  }

  private async focusField(key: string): Promise<void> {
    await this.updateComplete;
    const el = this.renderRoot.querySelector<HTMLElement>(`#${fieldId(key)}`);
    if (el) {
      el.closest('details')?.setAttribute('open', '');
      el.focus();
    }
  }

  private async _onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const m = msg().application;
    if (this.running) return;
    const unreadable = formIssues(this.form);
    if (unreadable.length) {
      this.status = { text: m.fixFirst, kind: 'error' };
      void this.focusField(unreadable[0]!);
      return;
    }
    const empty = emptyRows(this.form)[0];
    if (empty) {
      this.status = { text: fill(m.emptyRow, { n: empty.row + 1, table: m.sections[empty.table as 'bureau'] ?? empty.table }), kind: 'error' };
      const first = this.renderRoot.querySelector<HTMLElement>(`fieldset[data-table="${empty.table}"] fieldset.row:nth-of-type(${empty.row + 1}) :is(input, select)`);
      first?.focus();
      return;
    }
    this.form = clearApiErrors(this.form);
    this.refused = [];
    this.running = true;
    this.status = { text: m.running, kind: 'info' };
    const body = toBody(this.form);
    try {
      const { data } = await services().api.scoreApplication(body);
      this.result = { score: data, body };
      this.status = null;
      announce(decisionSentence(data.probability, data.threshold, getLocale()));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('application-result')?.focus();
    } catch (error) {
      this.result = null;
      const errors = error instanceof ApiError && error.status === 400 ? (error.problem?.errors ?? []) : [];
      if (errors.length) {
        this.form = applyApiErrors(this.form, errors);
        this.refused = errors;
        this.status = null;
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('#refused-heading')?.focus();
      } else {
        const detail = error instanceof ApiError && error.isNetwork ? m.offline : fill(m.error, { detail: (error as Error).message });
        this.status = { text: detail, kind: 'error' };
      }
    } finally {
      this.running = false;
    }
  }

  private fieldFor(schema: ApplicationSchema, column: SchemaColumn, ref: FieldRef) {
    const locale = getLocale();
    const required = isRequired(schema, column, ref.table);
    if (ref.table === 'application' && column.name === 'DAYS_EMPLOYED') {
      const off = isNotEmployed(this.form);
      const extra = html`<label class="check"><input type="checkbox" .checked=${off} @change=${this._onNotEmployed} /> ${msg().application.notEmployed}</label>`;
      return renderField(this.form, column, ref, this.handlers, { required, locale, disabled: off, extra });
    }
    return renderField(this.form, column, ref, this.handlers, { required, locale });
  }

  private renderSection(schema: ApplicationSchema, s: Section) {
    const title = msg().application.sections[s.key];
    const fields = html`<div class="grid">${s.columns.map((c) => this.fieldFor(schema, c, { table: 'application', column: c.name }))}</div>`;
    if (s.key === 'other') return html`<details class="section" ?open=${s.open}><summary>${title}</summary>${fields}</details>`;
    return html`<fieldset class="section"><legend>${title}</legend>${fields}</fieldset>`;
  }

  private renderHistory(schema: ApplicationSchema, table: 'bureau' | 'previous_application') {
    const m = msg().application;
    const columns = historySection(schema, table);
    if (!columns.length) return nothing;
    const rows = this.form.history[table] ?? [];
    const offered = new Set(columns.map((c) => c.name));
    return html`<fieldset class="section" data-table=${table}><legend>${m.sections[table]}</legend>
      <p class="muted">${m.historyHint}</p>
      ${rows.map((row, i) => {
        const extra = Object.keys(row).filter((k) => !offered.has(k) && row[k] !== null && row[k] !== undefined).length;
        return html`<fieldset class="row"><legend>${fill(m.rowHeading, { n: i + 1 })}</legend>
          <div class="grid">${columns.map((c) => this.fieldFor(schema, c, { table, row: i, column: c.name }))}</div>
          ${extra ? html`<p class="muted">${fill(m.extraColumns, { n: extra })}</p>` : nothing}
          <div class="row-actions"><button type="button" aria-label=${fill(m.removeRowLabel, { n: i + 1, table: m.sections[table] })} @click=${() => this._onRemoveRow(table, i)}>${m.removeRow}</button></div>
        </fieldset>`;
      })}
      <button type="button" @click=${() => this._onAddRow(table)}>${m.addRow[table]}</button>
    </fieldset>`;
  }

  private renderRefused(schema: ApplicationSchema) {
    const m = msg().application;
    if (!this.refused.length) return nothing;
    const intro = this.refused.length === 1 ? m.errorsIntroOne : fill(m.errorsIntro, { n: this.refused.length });
    return html`<div class="summary" role="alert">
      <h2 id="refused-heading" tabindex="-1">${m.errorsHeading}</h2>
      <p>${intro}</p>
      <ul>${this.refused.map((e) => {
        const inForm = parseFieldKey(e.field) !== null && this.renderRoot.querySelector(`#${fieldId(e.field)}`) !== null;
        const value = e.value === undefined ? '' : ` (${fill(m.errorValue, { v: JSON.stringify(e.value) })})`;
        const r = refusedReason(schema, e, getLocale());
        return html`<li>${inForm ? html`<button type="button" class="link" @click=${() => this.focusField(e.field)}>${refusedField(schema, e.field, getLocale())}</button>` : html`<code>${e.field}</code>`} : <span lang=${r.lang}>${r.text}</span>${value}</li>`;
      })}</ul>
    </div>`;
  }

  private renderForm(schema: ApplicationSchema) {
    const m = msg().application;
    return html`
      <fieldset class="section import"><legend>${m.import.legend}</legend>
        <label for="import-file">${m.import.label}</label>
        <input id="import-file" type="file" accept=".json,.csv,application/json,text/csv" @change=${(e: Event) => this._onImport(e, schema)} />
        ${this.importStatus ? html`<p class=${this.importStatus.kind === 'error' ? 'notice warning' : 'notice'} role=${this.importStatus.kind === 'error' ? 'alert' : nothing}>${this.importStatus.text}</p>` : nothing}
      </fieldset>
      ${this.renderRefused(schema)}
      <form @submit=${this._onSubmit} novalidate>
        <p class="muted">${m.requiredLegend}</p>
        ${applicationSections(schema).map((s) => this.renderSection(schema, s))}
        ${editableHistory.map((t) => this.renderHistory(schema, t))}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.running}>${m.submit}</button>
          <button type="button" @click=${this._onClear}>${m.reset}</button>
          <span id="app-status" class=${this.status?.kind === 'error' ? 'notice warning' : 'muted'} role=${this.status?.kind === 'error' ? 'alert' : nothing}>${this.status?.text ?? ''}</span>
        </div>
      </form>
      ${this.result ? html`<application-result .score=${this.result.score} .body=${this.result.body} .schema=${schema}></application-result>` : nothing}
    `;
  }

  override render() {
    const m = msg().application;
    return html`
      <h1 tabindex="-1">${m.title}</h1>
      <p>${m.intro}</p>
      <p class="notice privacy" role="note">${m.privacy}</p>
      ${this.online ? nothing : html`<p class="notice warning offline" role="note">${m.offline}</p>`}
      ${this.schema.render({
        pending: () => html`<p class="muted" role="status">${m.schemaLoading}</p>`,
        complete: (schema) => this.renderForm(schema),
        error: (e) => html`${this.online || !(e instanceof ApiError && e.isNetwork)
            ? html`<p class="notice warning" role="alert">${fill(m.schemaError, { detail: (e as Error).message })}</p>`
            : nothing}
          <button type="button" @click=${() => this.schema.run()}>${msg().app.retry}</button>`,
      })}
    `;
  }
}


declare global {
  interface HTMLElementTagNameMap {
    'application-page': ApplicationPage;
  }
}
