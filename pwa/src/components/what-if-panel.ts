/**
 * Try a change: edit the client's most influential values, POST /v1/clients/:id/what-if,
 * and show the new score, whether the decision flips, and what moved.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../api/client.js';
import type { ClientDetail, Explanation, FeatureInfo, WhatIfResult } from '../api/types.js';
import { decisionLabel } from '../charts/decision.js';
import { gaugeChart } from '../charts/gauge.js';
import { localLabel } from '../i18n/feature-text.js';
import { formatPercent, formatPoints, formatSigned } from '../i18n/format.js';
import { fill, getLocale, msg } from '../i18n/i18n.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { announce } from '../announce.js';
import { services } from '../services.js';
import { tokens } from '../styles/shared.js';
import './chart-figure.js';
import { categoryNames, featureLabel, valueText } from './feature-meta.js';
import { editableFields, parseDraft, type EditableField } from './what-if-form.js';

@customElement('what-if-panel')
export class WhatIfPanel extends LitElement {
  static override styles = [tokens, css`
    :host { display: block; }
    form { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 0.75rem 1.25rem; align-items: end; }
    .field { display: flex; flex-direction: column; gap: 0.25rem; }
    .current { font-size: 0.85rem; }
    .actions { grid-column: 1 / -1; display: flex; gap: 0.75rem; flex-wrap: wrap; align-items: center; }
    .result { margin-top: 1.25rem; display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 360px), 1fr)); gap: 1.25rem; }
    .result h3 { margin-top: 0; }
    @media print { :host { display: none; } }
  `];

  @property({ attribute: false }) client: ClientDetail | undefined;
  @property({ attribute: false }) explanation: Explanation | undefined;
  @property({ attribute: false }) features: Map<string, FeatureInfo> = new Map();
  @state() private draft: Record<string, string> = {};
  @state() private result: WhatIfResult | null = null;
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

  private fields(): EditableField[] {
    return this.client && this.explanation ? editableFields(this.client, this.explanation, this.features) : [];
  }

  private _onInput(feature: string, event: Event): void {
    this.draft = { ...this.draft, [feature]: (event.target as HTMLInputElement).value };
  }

  private _onReset(): void {
    this.draft = {};
    this.result = null;
    this.message = null;
  }

  private async _onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const m = msg().whatIf;
    if (!this.client || this.running) return;
    if (!this.online) {
      this.message = { text: m.offline, kind: 'error' };
      return;
    }
    const { changes, invalid } = parseDraft(this.fields(), this.draft);
    if (invalid.length) {
      this.message = { text: fill(m.invalid, { label: featureLabel(this.features, invalid[0]!, getLocale()) }), kind: 'error' };
      return;
    }
    if (Object.keys(changes).length === 0) {
      this.message = { text: m.noChange, kind: 'error' };
      return;
    }
    this.running = true;
    this.message = { text: m.running, kind: 'info' };
    try {
      const { data } = await services().api.whatIf(this.client.id, changes);
      this.result = data;
      this.message = null;
      announce(this.summary(data));
    } catch (error) {
      const detail = error instanceof ApiError && error.isNetwork ? m.offline : fill(m.error, { detail: (error as Error).message });
      this.message = { text: detail, kind: 'error' };
    } finally {
      this.running = false;
    }
  }

  private summary(r: WhatIfResult): string {
    const m = msg();
    const locale = getLocale();
    const diff = r.after.probability - r.before.probability;
    const delta = `${diff >= 0 ? '+' : '−'}${fill(m.units.pointsLong, { n: formatPoints(diff, locale) })}`;
    const first = fill(m.whatIf.result, {
      after: formatPercent(r.after.probability, locale), decision: decisionLabel(r.after.decision, locale),
      before: formatPercent(r.before.probability, locale), delta,
    });
    const second = r.after.decision !== r.before.decision
      ? fill(m.whatIf.flipped, { before: decisionLabel(r.before.decision, locale), after: decisionLabel(r.after.decision, locale) })
      : m.whatIf.same;
    return `${first} ${second}`;
  }

  private input(field: EditableField) {
    const locale = getLocale();
    const id = `wi-${field.feature}`;
    const label = featureLabel(this.features, field.feature, locale);
    // Rounded for reading; an untouched field is never sent, so rounding changes nothing.
    const shown = field.original === null ? '' : String(Number(field.original.toPrecision(4)));
    const current = this.draft[field.feature] ?? (locale === 'fr' ? shown.replace('.', ',') : shown);
    const names = categoryNames(field.info, locale);
    const control = names
      ? html`<select id=${id} @change=${(e: Event) => this._onInput(field.feature, e)}>
          <option value="" ?selected=${current === ''}>${msg().units.missing}</option>
          ${names.map((n, code) => html`<option value=${String(code)} ?selected=${current === String(code)}>${n}</option>`)}
        </select>`
      : html`<input id=${id} type="text" inputmode="decimal" autocomplete="off" .value=${current}
          aria-describedby="${id}-now" @input=${(e: Event) => this._onInput(field.feature, e)} />`;
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${control}
      <span class="current muted" id="${id}-now">${fill(msg().whatIf.current, { v: valueText(field.info, field.original, locale) })}</span>
    </div>`;
  }

  private renderResult(r: WhatIfResult) {
    const m = msg().whatIf;
    const locale = getLocale();
    return html`<section class="result" aria-labelledby="wi-result">
      <div>
        <h3 id="wi-result">${m.resultHeading}</h3>
        <p class="outcome">${this.summary(r)}</p>
        <chart-figure data-kind="what-if" level="4" .chart=${gaugeChart} .data=${{ probability: r.after.probability, threshold: r.after.threshold }}></chart-figure>
      </div>
      <div>
        <h3>${m.movedHeading}</h3>
        <table class="moved">
          <thead><tr><th scope="col">${m.columns.feature}</th><th scope="col" class="num">${m.columns.before}</th><th scope="col" class="num">${m.columns.after}</th><th scope="col" class="num">${m.columns.delta}</th></tr></thead>
          <tbody>${r.moved.map((x) => html`<tr><th scope="row">${localLabel(x, locale)}</th><td class="num">${formatSigned(x.shap_before, locale)}</td><td class="num">${formatSigned(x.shap_after, locale)}</td><td class="num">${x.delta >= 0 ? '▲' : '▼'} ${formatSigned(x.delta, locale)}</td></tr>`)}</tbody>
        </table>
      </div>
    </section>`;
  }

  override render() {
    if (!this.client || !this.explanation) return nothing;
    const m = msg().whatIf;
    return html`
      <p>${m.intro} <span class="muted">${m.empty}</span></p>
      ${!this.online ? html`<p class="notice warning" role="note">${m.offline}</p>` : nothing}
      <form @submit=${this._onSubmit} novalidate>
        ${this.fields().map((f) => this.input(f))}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${!this.online || this.running} aria-describedby=${!this.online ? 'wi-status' : nothing}>${m.submit}</button>
          <button type="button" @click=${this._onReset}>${m.reset}</button>
          <span id="wi-status" class=${this.message?.kind === 'error' ? 'notice warning' : 'muted'} role=${this.message?.kind === 'error' ? 'alert' : nothing}>
            ${this.message?.text ?? (!this.online ? m.offline : '')}
          </span>
        </div>
      </form>
      ${this.result ? this.renderResult(this.result) : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'what-if-panel': WhatIfPanel;
  }
}
