/**
 * The model page: global importance, cost vs threshold, confusion matrix, calibration, fairness by gender
 * and age band, drift of new clients. Every reading is generated from the numbers served.
 */
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { Metrics } from '../api/types.js';
import '../components/chart-figure.js';
import '../components/glossary-panel.js';
import { indexFeatures, withCatalogueLabels } from '../components/feature-meta.js';
import { confusionChart } from '../charts/confusion.js';
import { costCurveChart, nearest } from '../charts/cost-curve.js';
import { driftChart } from '../charts/drift.js';
import { fairnessChart } from '../charts/fairness.js';
import { importanceChart } from '../charts/importance.js';
import { reliabilityChart } from '../charts/reliability.js';
import { formatDateTime, formatNumber, formatPercent } from '../i18n/format.js';
import { fill, getLocale, msg } from '../i18n/i18n.js';
import { LocaleController } from '../i18n/locale-controller.js';
import type { Locale } from '../i18n/messages.js';
import { services } from '../services.js';
import { tokens } from '../styles/shared.js';

export const defaults = { importanceTop: 15, driftTop: 15 };

@customElement('model-page')
export class ModelPage extends LitElement {
  static override styles = [tokens, css`
    :host { display: block; }
    .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 520px), 1fr)); gap: 1.25rem; }
    section.card { margin-bottom: 1.25rem; }
    .grid section.card { margin-bottom: 0; }
    dl.summary { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 0.75rem 1.5rem; margin: 0; }
    dt { font-size: 0.85rem; color: var(--pad-muted); }
    dd { margin: 0; font-size: 1.15rem; font-weight: 700; }
    .rule { margin-top: 0.75rem; }
    .fair { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr)); gap: 1.25rem; }
  `];

  private readonly data = new Task(this, {
    task: async () => {
      const api = services().api;
      const [model, metrics, fairness, drift, importance] = await Promise.all([
        services().model(), api.metrics(), api.fairness(), api.drift(), api.importance(),
      ]);
      return { model: model.data, metrics: metrics.data, fairness: fairness.data, drift: drift.data, importance: importance.data };
    },
    args: () => [],
  });

  constructor() {
    super();
    new LocaleController(this);
  }

  /**
   * The summary's cost (nested CV: thresholds chosen without the fold they are measured on) and the
   * cost curve's value at the chosen threshold (all out-of-fold predictions, where the threshold was
   * chosen) differ; both numbers appear, so the page says why.
   */
  private costNote(metrics: Metrics, locale: Locale) {
    const curve = nearest(metrics.threshold_curve, metrics.chosen.threshold)?.cost_per_1000;
    const cv = metrics.chosen.nested_cv.cost_per_1000;
    if (curve === undefined || Math.round(curve) === Math.round(cv)) return nothing;
    return html`<p class="muted cost-note">${fill(msg().explore.costNote, { cv: formatNumber(cv, locale, 0), curve: formatNumber(curve, locale, 0) })}</p>`;
  }

  override render() {
    const m = msg().model;
    return html`
      <h1 tabindex="-1">${m.title}</h1>
      <p class="muted">${m.intro}</p>
      <glossary-panel></glossary-panel>
      ${this.data.render({
        pending: () => html`<p class="muted" role="status">${msg().app.loading}</p>`,
        error: (e) => html`<p class="notice warning" role="alert">${fill(m.error, { detail: (e as Error).message })}</p>
          <button type="button" @click=${() => this.data.run()}>${msg().app.retry}</button>`,
        complete: (d) => {
          const locale = getLocale();
          const cv = d.metrics.chosen.nested_cv;
          const summary: [string, string][] = [
            [m.version, d.model.model_version],
            [m.trainedAt, formatDateTime(d.model.trained_at, locale)],
            [m.threshold, formatPercent(d.model.threshold, locale)],
            [m.auc, `${formatNumber(cv.auc_mean, locale, 3)} ± ${formatNumber(cv.auc_std, locale, 3)}`],
            [m.costPer1000, formatNumber(cv.cost_per_1000, locale, 0)],
            [m.recall, formatPercent(cv.recall, locale, 0)],
            [m.precision, formatPercent(cv.precision, locale, 0)],
          ];
          // importance.json and drift.json carry English labels only: French ones come from the catalogue.
          const catalogue = indexFeatures(d.model.features);
          const byAttr = (a: string) => ({ groups: d.fairness.groups.filter((g) => g.attribute === a) });
          return html`
            <section class="card" aria-labelledby="h-summary">
              <h2 id="h-summary">${m.summaryHeading}</h2>
              <dl class="summary">${summary.map(([k, v]) => html`<div><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>
              <p class="rule muted">${fill(m.costRule, { fn: d.metrics.cost.fn_cost, fp: d.metrics.cost.fp_cost })}</p>
              ${this.costNote(d.metrics, locale)}
            </section>
            <div class="grid">
              <section class="card" aria-labelledby="h-imp">
                <h2 id="h-imp">${m.importanceHeading}</h2>
                <chart-figure .chart=${importanceChart} .data=${{ features: withCatalogueLabels(d.importance.features, catalogue), top: defaults.importanceTop }}></chart-figure>
              </section>
              <section class="card" aria-labelledby="h-cost">
                <h2 id="h-cost">${m.costHeading}</h2>
                <chart-figure .chart=${costCurveChart} .data=${{ curve: d.metrics.threshold_curve, chosen: d.metrics.chosen.threshold }}></chart-figure>
              </section>
              <section class="card" aria-labelledby="h-conf">
                <h2 id="h-conf">${m.confusionHeading}</h2>
                <chart-figure .chart=${confusionChart} .data=${d.metrics.confusion_matrix}></chart-figure>
              </section>
              ${d.metrics.calibration ? html`<section class="card" aria-labelledby="h-rel">
                <h2 id="h-rel">${m.reliabilityHeading}</h2>
                <p class="muted">${m.reliabilityHint}</p>
                <chart-figure .chart=${reliabilityChart} .data=${d.metrics.calibration}></chart-figure>
              </section>` : nothing}
              <section class="card" aria-labelledby="h-drift">
                <h2 id="h-drift">${m.driftHeading}</h2>
                <chart-figure .chart=${driftChart} .data=${{ ...d.drift, features: withCatalogueLabels(d.drift.features, catalogue), top: defaults.driftTop }}></chart-figure>
              </section>
            </div>
            <section class="card" aria-labelledby="h-fair" style="margin-top:1.25rem">
              <h2 id="h-fair">${m.fairnessHeading}</h2>
              <div class="fair">
                <div><h3>${m.fairnessGender}</h3><chart-figure level="4" .chart=${fairnessChart} .data=${byAttr('gender')}></chart-figure></div>
                <div><h3>${m.fairnessAge}</h3><chart-figure level="4" .chart=${fairnessChart} .data=${byAttr('age_band')}></chart-figure></div>
              </div>
            </section>
          `;
        },
      })}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'model-page': ModelPage;
  }
}
