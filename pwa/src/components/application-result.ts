/**
 * The result of a new application, laid out like a stored client's view: score on the gauge and
 * the decision in words, the reasons grouped by theme in probability points, comparison with
 * the population, and the loan simulation (POST /v1/applications/what-if on the same body).
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ApplicationBody, ApplicationSchema, ApplicationScore } from '../api/application-types.js';
import type { ModelInfo, Population } from '../api/types.js';
import { comparable, orderedGroups } from '../application/result-view.js';
import { decisionLabel, decisionSentence, distanceSentence, marginSentence } from '../charts/decision.js';
import { gaugeChart } from '../charts/gauge.js';
import { formatPercent } from '../i18n/format.js';
import { fill, getLocale, msg } from '../i18n/i18n.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { services } from '../services.js';
import { tokens } from '../styles/shared.js';
import './chart-figure.js';
import './compare-panel.js';
import { indexFeatures } from './feature-meta.js';
import './loan-simulation.js';
import './reason-groups.js';

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

@customElement('application-result')
export class ApplicationResult extends LitElement {
  static override styles = [tokens, css`
    :host { display: block; }
    /* Focused only programmatically, when the score arrives: no ring needed. */
    h2[tabindex='-1']:focus { outline: none; }
    .top { display: grid; grid-template-columns: minmax(0, 5fr) minmax(0, 7fr); gap: 1.25rem; margin-bottom: 1.25rem; }
    section.card { margin-bottom: 1.25rem; }
    .top section.card { margin-bottom: 0; }
    .decision { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; font-size: 1.1rem; }
    @media (max-width: 1000px) { .top { grid-template-columns: minmax(0, 1fr); } }
  `];

  @property({ attribute: false }) score: ApplicationScore | undefined;
  @property({ attribute: false }) body: ApplicationBody | undefined;
  @property({ attribute: false }) schema: ApplicationSchema | undefined;
  @state() private model: ModelInfo | null = null;
  @state() private population: Population | null = null;
  @state() private populationFailed = false;

  constructor() {
    super();
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const s = services();
    s.model().then((r) => (this.model = r.data), () => undefined);
    s.population().then((r) => (this.population = r.data), () => (this.populationFailed = true));
  }

  /** Moves focus to the result's heading (after the score arrives). */
  override focus(): void {
    this.renderRoot.querySelector<HTMLElement>('#h-result')?.focus();
  }

  override render() {
    const { score, body } = this;
    if (!score || !body) return nothing;
    const m = msg().application;
    const c = msg().client;
    const locale = getLocale();
    const { probability, threshold, decision } = score;
    const groups = orderedGroups(score.explanation?.groups ?? []);
    const features = indexFeatures(this.model?.features);
    const cmp = comparable(score, features);
    const app = body.application;
    const terms = { credit: num(app['AMT_CREDIT']), annuity: num(app['AMT_ANNUITY']), goodsPrice: num(app['AMT_GOODS_PRICE']) };
    const base = score.explanation ? formatPercent(score.explanation.base_probability, locale) : '—';
    return html`
      <h2 id="h-result" tabindex="-1">${m.resultHeading}</h2>
      <p class="muted">${m.resultIntro}</p>
      <div class="top">
        <section class="card score" aria-labelledby="h-app-score">
          <h3 id="h-app-score">${c.scoreHeading}</h3>
          <p class="decision"><span class="badge ${decision}"><span aria-hidden="true">${decision === 'refused' ? '✕' : '✓'}</span>${decisionLabel(decision, locale)}</span>
            <strong>${formatPercent(probability, locale)}</strong> <span class="muted">(${distanceSentence(probability, threshold, locale)})</span></p>
          <p>${decisionSentence(probability, threshold, locale)} ${marginSentence(probability, threshold, locale)}</p>
          <chart-figure data-kind="gauge" level="4" .chart=${gaugeChart} .data=${{ probability, threshold }}></chart-figure>
          <p class="missing muted">${score.missing_inputs.length ? fill(m.missingInputs, { n: score.missing_inputs.length }) : m.missingInputsNone}</p>
        </section>
        <section class="card why" aria-labelledby="h-app-why">
          <h3 id="h-app-why">${m.reasonsHeading}</h3>
          <p>${fill(m.reasonsIntro, { base })}</p>
          <reason-groups .groups=${groups}></reason-groups>
        </section>
      </div>
      <section class="card compare" aria-labelledby="h-app-compare">
        <h3 id="h-app-compare">${m.compareHeading}</h3>
        ${this.population
          ? html`<compare-panel .population=${this.population} .client=${cmp.client} .explanation=${cmp.explanation} .features=${features}
              .probability=${probability} .threshold=${threshold}></compare-panel>`
          : this.populationFailed ? html`<p class="notice warning">${msg().app.offlineBanner}</p>` : html`<p class="muted">${msg().app.loading}</p>`}
      </section>
      <section class="card simulation" aria-labelledby="h-app-sim">
        <h3 id="h-app-sim">${m.simulationHeading}</h3>
        <loan-simulation id-prefix="na" .terms=${terms} .schema=${this.schema} .threshold=${threshold}
          .run=${(changes: Record<string, number>) => services().api.applicationWhatIf(body, changes).then((r) => r.data)}></loan-simulation>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'application-result': ApplicationResult;
  }
}
