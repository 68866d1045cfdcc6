/**
 * Compare the client with others: one feature on the repaid/defaulted distributions, and two
 * features over the population sample.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ClientDetail, Explanation, Population } from '../api/types.js';
import { distributionChart } from '../charts/distribution.js';
import { scatterChart } from '../charts/scatter.js';
import { getLocale, msg } from '../i18n/i18n.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { tokens } from '../styles/shared.js';
import './chart-figure.js';
import { distributionChoices, distributionData, scatterChoices, scatterData } from './compare-data.js';
import { featureLabel, type FeatureIndex } from './feature-meta.js';

@customElement('compare-panel')
export class ComparePanel extends LitElement {
  static override styles = [tokens, css`
    :host { display: block; }
    .pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 460px), 1fr)); gap: 1.25rem; }
    .controls { display: flex; flex-wrap: wrap; gap: 0.75rem 1rem; margin-bottom: 0.75rem; }
    .field { display: flex; flex-direction: column; gap: 0.25rem; max-width: 100%; }
    select { max-width: 100%; }
  `];

  @property({ attribute: false }) population: Population | undefined;
  @property({ attribute: false }) client: ClientDetail | undefined;
  @property({ attribute: false }) explanation: Explanation | undefined;
  @property({ attribute: false }) features: FeatureIndex = new Map();
  @property({ type: Number }) probability = 0;
  @property({ type: Number }) threshold = 0.5;
  @state() private feature: string | undefined;
  @state() private xFeature: string | undefined;
  @state() private yFeature: string | undefined;

  constructor() {
    super();
    new LocaleController(this);
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if ((changed.has('population') || changed.has('explanation')) && this.population && this.explanation) {
      const dist = distributionChoices(this.population, this.explanation);
      const pair = scatterChoices(this.population, this.explanation);
      if (!this.feature || !dist.includes(this.feature)) this.feature = dist[0];
      if (!this.xFeature || !pair.includes(this.xFeature)) this.xFeature = pair[0];
      if (!this.yFeature || !pair.includes(this.yFeature)) this.yFeature = pair[1] ?? pair[0];
    }
  }

  private select(id: string, label: string, value: string | undefined, choices: string[], onChange: (v: string) => void) {
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <select id=${id} @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
        ${choices.map((f) => html`<option value=${f} ?selected=${f === value}>${featureLabel(this.features, f, getLocale())}</option>`)}
      </select>
    </div>`;
  }

  override render() {
    const { population, client, explanation } = this;
    if (!population || !client || !explanation || !this.feature || !this.xFeature || !this.yFeature) return nothing;
    const m = msg().client;
    const locale = getLocale();
    const dist = distributionData(this.feature, population, client, this.features, locale);
    const pair = scatterData(this.xFeature, this.yFeature, population, client, this.probability, this.threshold, this.features, locale);
    const sampleChoices = scatterChoices(population, explanation);
    return html`<div class="pair">
      <div>
        <div class="controls">
          ${this.select('cmp-feature', m.featureSelect, this.feature, distributionChoices(population, explanation), (v) => (this.feature = v))}
        </div>
        <chart-figure data-kind="distribution" .chart=${distributionChart} .data=${dist}></chart-figure>
      </div>
      <div>
        <div class="controls">
          ${this.select('cmp-x', m.xSelect, this.xFeature, sampleChoices, (v) => (this.xFeature = v))}
          ${this.select('cmp-y', m.ySelect, this.yFeature, sampleChoices, (v) => (this.yFeature = v))}
        </div>
        <chart-figure data-kind="scatter" .chart=${scatterChart} .data=${pair}></chart-figure>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'compare-panel': ComparePanel;
  }
}
