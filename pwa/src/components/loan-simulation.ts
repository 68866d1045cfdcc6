/**
 * Simulate other loan terms (amount, annuity or duration, goods price, down payment) for a stored
 * client or a new application. The host supplies the current terms and `run(changes)`, which calls the
 * right what-if route; the API's 400 reason is shown next to the field it names.
 *
 * @fires nothing; the result is announced in the live region.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { announce } from '../announce.js';
import type { ApplicationSchema, LoanWhatIf, ReasonGroup } from '../api/application-types.js';
import { ApiError } from '../api/client.js';
import { localReason, type LocalReason } from '../application/api-reasons.js';
import { columnOf } from '../application/form-model.js';
import { draftFrom, durationMonths, loanChanges, loanColumns, loanFieldOf, movedLine, type LoanDraft, type LoanField, type LoanMode, type LoanTerms } from '../application/loan-terms.js';
import { decisionLabel } from '../charts/decision.js';
import { gaugeChart } from '../charts/gauge.js';
import { localLabel } from '../i18n/feature-text.js';
import { formatNumber, formatPercent, formatPoints, formatSigned } from '../i18n/format.js';
import { fill, getLocale, msg } from '../i18n/i18n.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { rangeText } from '../pages/application-fields.js';
import { services } from '../services.js';
import { tokens } from '../styles/shared.js';
import './chart-figure.js';

export type LoanRunner = (changes: Record<string, number>) => Promise<LoanWhatIf>;

@customElement('loan-simulation')
export class LoanSimulation extends LitElement {
  static override styles = [tokens, css`
    :host { display: block; }
    form { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 0.75rem 1.25rem; align-items: start; }
    .field { display: flex; flex-direction: column; gap: 0.25rem; }
    fieldset.mode { border: 1px solid var(--pad-border); border-radius: var(--pad-radius); padding: 0.25rem 0.75rem 0.5rem; margin: 0; }
    fieldset.mode label { font-weight: 400; display: inline-flex; gap: 0.3rem; align-items: center; margin-right: 0.75rem; }
    .hint { font-size: 0.85rem; }
    .field-error { color: var(--pad-raise); font-size: 0.9rem; font-weight: 600; margin: 0; }
    input[aria-invalid='true'] { border-color: var(--pad-raise); border-width: 2px; }
    .actions { grid-column: 1 / -1; display: flex; gap: 0.75rem; flex-wrap: wrap; align-items: center; }
    .result { margin-top: 1.25rem; display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 340px), 1fr)); gap: 1.25rem; }
    .result h3 { margin-top: 0; }
    ul.moved { margin: 0; padding-left: 1.1rem; }
    @media print { :host { display: none; } }
  `];

  // Compared by value: hosts rebuild the terms object on every render.
  @property({ attribute: false, hasChanged: (a: LoanTerms, b?: LoanTerms) => JSON.stringify(a) !== JSON.stringify(b) }) terms: LoanTerms = { credit: null, annuity: null, goodsPrice: null };
  @property({ attribute: false }) schema: ApplicationSchema | undefined;
  @property({ attribute: false }) run: LoanRunner | undefined;
  /** The decision threshold, for the gauge (the what-if answer does not repeat it). */
  @property({ type: Number }) threshold: number | undefined;
  /** Prefix of the element ids, so two simulations never share one. */
  @property({ attribute: 'id-prefix' }) idPrefix = 'sim';
  @state() private draft: LoanDraft = draftFrom(this.terms, getLocale());
  @state() private initial: LoanDraft = this.draft;
  @state() private result: LoanWhatIf | null = null;
  @state() private fieldErrors: Partial<Record<LoanField, LocalReason>> = {};
  @state() private message: { text: string; kind: 'error' | 'info' } | null = null;
  @state() private running = false;
  @state() private online = services().connectivity.snapshot.status !== 'offline';

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
    this.online = services().connectivity.snapshot.status !== 'offline';
  };

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('terms')) this.resetDraft();
  }

  private resetDraft(mode: LoanMode = this.draft?.mode ?? 'annuity'): void {
    this.initial = draftFrom(this.terms, getLocale(), mode);
    this.draft = this.initial;
    this.fieldErrors = {};
  }

  private label(field: LoanField): string {
    if (field === 'months') return msg().simulation.duration;
    if (field === 'downPayment') return msg().simulation.downPayment;
    const column = columnOf(this.schema ?? { tables: { application: { columns: [] } }, required: [], editable: [] }, 'application', loanColumns[field]);
    const fallback = msg().client.info[field === 'goodsPrice' ? 'goodsPrice' : field];
    return column ? `${localLabel(column, getLocale())} (€)` : `${fallback} (€)`;
  }

  /** The plausible range of a term typed as its own column (a duration or a down payment is not one). */
  private rangeOf(field: LoanField): string | null {
    if (field === 'months' || field === 'downPayment' || !this.schema) return null;
    const column = columnOf(this.schema, 'application', loanColumns[field]);
    return column ? rangeText(column, 'application', getLocale()) : null;
  }

  private editable(field: LoanField): boolean {
    const list = this.schema?.editable;
    if (!list?.length) return true;
    const column = field === 'months' ? loanColumns.annuity : field === 'downPayment' ? loanColumns.credit : loanColumns[field];
    return list.includes(column);
  }

  private _onInput(field: LoanField, event: Event): void {
    this.draft = { ...this.draft, [field]: (event.target as HTMLInputElement).value };
    const { [field]: _gone, ...rest } = this.fieldErrors;
    this.fieldErrors = rest;
  }

  private _onMode(mode: LoanMode): void {
    this.draft = { ...this.draft, mode, annuity: this.initial.annuity, months: this.initial.months };
  }

  private _onReset(): void {
    this.resetDraft();
    this.result = null;
    this.message = null;
  }

  private async _onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const m = msg().simulation;
    if (!this.run || this.running) return;
    if (!this.online) {
      this.message = { text: m.offline, kind: 'error' };
      return;
    }
    const { changes, invalid } = loanChanges(this.terms, this.draft, this.initial);
    this.fieldErrors = Object.fromEntries(invalid.map((f) => [f, { text: m.invalid, lang: getLocale() }]));
    if (invalid.length) {
      this.message = { text: fill(m.error, { detail: this.label(invalid[0]!) }), kind: 'error' };
      return;
    }
    if (Object.keys(changes).length === 0) {
      this.message = { text: m.noChange, kind: 'error' };
      return;
    }
    this.running = true;
    this.message = { text: m.running, kind: 'info' };
    try {
      this.result = await this.run(changes);
      this.message = null;
      announce(this.summary(this.result));
    } catch (error) {
      this.result = null;
      const errors = error instanceof ApiError ? (error.problem?.errors ?? []) : [];
      const placed: Partial<Record<LoanField, LocalReason>> = {};
      for (const e of errors) {
        const field = loanFieldOf(e.field, this.draft.mode, this.draft.downPayment.trim() !== '');
        if (field) placed[field] ??= localReason(e.message, getLocale(), this.rangeOf(field));
      }
      this.fieldErrors = placed;
      const detail = error instanceof ApiError && error.isNetwork ? m.offline : fill(m.error, { detail: (error as Error).message });
      this.message = { text: detail, kind: 'error' };
    } finally {
      this.running = false;
    }
  }

  private summary(r: LoanWhatIf): string {
    const m = msg();
    const locale = getLocale();
    const diff = r.after.probability - r.before.probability;
    const delta = `${diff >= 0 ? '+' : '−'}${fill(m.units.pointsLong, { n: formatPoints(diff, locale) })}`;
    const first = fill(m.simulation.result, {
      after: formatPercent(r.after.probability, locale), decision: decisionLabel(r.after.decision, locale),
      before: formatPercent(r.before.probability, locale), delta,
    });
    const second = r.after.decision !== r.before.decision
      ? fill(m.simulation.flipped, { before: decisionLabel(r.before.decision, locale), after: decisionLabel(r.after.decision, locale) })
      : m.simulation.same;
    return `${first} ${second}`;
  }

  private input(field: LoanField) {
    const id = `${this.idPrefix}-${field}`;
    const error = this.fieldErrors[field];
    const hint = field === 'downPayment' ? msg().simulation.downPaymentHint : fill(msg().simulation.current, { v: this.current(field) });
    return html`<div class="field">
      <label for=${id}>${this.label(field)}</label>
      <input id=${id} name=${field} type="text" inputmode="decimal" autocomplete="off" .value=${this.draft[field]}
        aria-invalid=${error ? 'true' : 'false'} aria-describedby="${id}-now${error ? ` ${id}-error` : ''}" @input=${(e: Event) => this._onInput(field, e)} />
      <span class="hint muted" id="${id}-now">${hint}</span>
      ${error ? html`<p class="field-error" id="${id}-error"><span aria-hidden="true">⚠ </span><span lang=${error.lang}>${error.text}</span></p>` : nothing}
    </div>`;
  }

  private current(field: Exclude<LoanField, 'downPayment'>): string {
    const now = field === 'months' ? durationMonths(this.terms.credit, this.terms.annuity) : this.terms[field];
    return now === null ? msg().units.missing : formatNumber(now, getLocale(), field === 'months' ? 0 : 2);
  }

  private groupRows(r: LoanWhatIf) {
    const locale = getLocale();
    const after = new Map<string, ReasonGroup>(r.after.groups.map((g) => [g.group, g]));
    const points = (v: number | undefined) => (v === undefined ? '—' : formatSigned(v * 100, locale, 1));
    return r.before.groups.map((g) => html`<tr><th scope="row">${localLabel(g, locale)}</th>
      <td class="num">${points(g.points)}</td><td class="num">${points(after.get(g.group)?.points)}</td></tr>`);
  }

  private renderResult(r: LoanWhatIf) {
    const m = msg().simulation;
    const locale = getLocale();
    const threshold = r.after.threshold ?? this.threshold;
    return html`<section class="result" aria-labelledby="${this.idPrefix}-result">
      <div>
        <h3 id="${this.idPrefix}-result">${m.resultHeading}</h3>
        <p class="outcome">${this.summary(r)}</p>
        ${threshold !== undefined
          ? html`<chart-figure data-kind="simulation" level="4" .chart=${gaugeChart} .data=${{ probability: r.after.probability, threshold }}></chart-figure>`
          : nothing}
      </div>
      <div>
        <h3>${m.changedHeading}</h3>
        <ul class="changes">${r.changes.map((c) => html`<li>${movedLine({ feature: c.field, label: this.changeLabel(c.field, 'en'), label_fr: this.changeLabel(c.field, 'fr'), before: c.before, after: c.after }, locale)}</li>`)}</ul>
        <h3>${m.movedHeading}</h3>
        ${r.moved.length ? html`<ul class="moved">${r.moved.map((x) => html`<li>${movedLine(x, locale)}</li>`)}</ul>` : html`<p>${m.movedNone}</p>`}
        ${r.before.groups.length ? html`<h3>${m.groupsHeading}</h3>
          <table class="groups"><thead><tr><th scope="col">${msg().application.colReason}</th><th scope="col" class="num">${m.colBefore}</th><th scope="col" class="num">${m.colAfter}</th></tr></thead>
          <tbody>${this.groupRows(r)}</tbody></table>` : nothing}
      </div>
    </section>`;
  }

  private changeLabel(field: string, locale: 'fr' | 'en'): string {
    const column = this.schema ? columnOf(this.schema, 'application', field.split('.').pop() ?? field) : undefined;
    return column ? localLabel(column, locale) : field;
  }

  override render() {
    const m = msg().simulation;
    const fields: LoanField[] = ['credit', this.draft.mode === 'annuity' ? 'annuity' : 'months', 'goodsPrice', 'downPayment'];
    const online = this.online;
    return html`
      <p>${m.intro}</p>
      ${!online ? html`<p class="notice warning" role="note">${m.offline}</p>` : nothing}
      <form @submit=${this._onSubmit} novalidate>
        <fieldset class="mode"><legend>${m.mode}</legend>
          <label><input type="radio" name="${this.idPrefix}-mode" value="annuity" .checked=${this.draft.mode === 'annuity'} @change=${() => this._onMode('annuity')} /> ${m.modeAnnuity}</label>
          <label><input type="radio" name="${this.idPrefix}-mode" value="duration" .checked=${this.draft.mode === 'duration'} @change=${() => this._onMode('duration')} /> ${m.modeDuration}</label>
        </fieldset>
        ${fields.filter((f) => this.editable(f)).map((f) => this.input(f))}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${!online || this.running || !this.run}>${m.submit}</button>
          <button type="button" @click=${this._onReset}>${m.reset}</button>
          <span id="${this.idPrefix}-status" class=${this.message?.kind === 'error' ? 'notice warning' : 'muted'} role=${this.message?.kind === 'error' ? 'alert' : nothing}>${this.message?.text ?? ''}</span>
        </div>
      </form>
      ${this.result ? this.renderResult(this.result) : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'loan-simulation': LoanSimulation;
  }
}
