/**
 * One client: score on a gauge against the threshold, the decision in words, why (SHAP
 * waterfall + phrases), comparison with others, what-if, and the advisor's review (kept for offline use).
 * A copy made with another model than the current one says which model made it.
 */
import { Task } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Decision, ModelInfo, Population, TopContribution } from '../api/types.js';
import '../components/chart-figure.js';
import '../components/client-summary.js';
import '../components/compare-panel.js';
import '../components/glossary-panel.js';
import { indexFeatures, valueText } from '../components/feature-meta.js';
import '../components/loan-simulation.js';
import '../components/reason-groups.js';
import '../components/review-form.js';
import '../components/review-history.js';
import { offlineText } from '../i18n/offline-text.js';
import { reviewText } from '../i18n/review-text.js';
import { termsOfClient } from '../application/loan-terms.js';
import type { ApplicationSchema } from '../api/application-types.js';
import { applicationSchema } from '../application/schema-loader.js';
import { decisionLabel, decisionSentence, distanceSentence, marginSentence } from '../charts/decision.js';
import { gaugeChart } from '../charts/gauge.js';
import { waterfallChart } from '../charts/waterfall.js';
import { localPhrase } from '../i18n/feature-text.js';
import { formatDateTime, formatPercent } from '../i18n/format.js';
import { fill, getLocale, msg } from '../i18n/i18n.js';
import { LocaleController } from '../i18n/locale-controller.js';
import type { Locale } from '../i18n/messages.js';
import { loadClientBundle, NotAvailableOfflineError, type ClientBundle } from '../offline/client-loader.js';
import { services } from '../services.js';
import { clientStyles } from './client-page.styles.js';
import { ViewCompletion } from './view-completion.js';

@customElement('client-page')
export class ClientPage extends LitElement {
  static override styles = clientStyles;

  /** The signed-in advisor's name for the printed report (issue 11 sets it; a placeholder until then). */
  @property({ attribute: false }) advisorName: string | undefined;
  @property({ type: Number }) clientId = 0;
  @state() private model: ModelInfo | null = null;
  @state() private population: Population | null = null;
  @state() private populationFailed = false;
  @state() private schema: ApplicationSchema | undefined;
  private readonly completion = new ViewCompletion(this);

  private readonly bundle = new Task(this, {
    task: async ([id]: readonly [number]) => {
      const s = services();
      return loadClientBundle(id, {
        api: s.api,
        store: await s.store(),
        isOnline: () => s.connectivity.snapshot.status !== 'offline',
      });
    },
    args: () => [this.clientId] as const,
  });

  constructor() {
    super();
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const s = services();
    s.model().then((r) => (this.model = r.data), () => undefined);
    s.population().then(
      (r) => (this.population = r.data),
      () => (this.populationFailed = true),
    );
    // Labels and editable terms of the simulation; without them it still works with its own labels.
    applicationSchema().then((r) => (this.schema = r.data), () => undefined);
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('clientId')) this.completion.reset(this.clientId);
    this.completion.expectComparison(!this.populationFailed);
  }

  private _onPrint(): void {
    print();
  }

  private freshness(bundle: ClientBundle): string {
    const m = msg().client;
    const date = formatDateTime(bundle.fetchedAt, getLocale());
    if (bundle.source === 'offline-store') return fill(m.dataOffline, { date });
    return fill(bundle.source === 'cache' ? m.dataCached : m.dataFresh, { date });
  }

  /** A copy (offline store or cache) computed by another model than the one the API serves now. */
  private staleNotice(b: ClientBundle) {
    const current = this.model?.model_version;
    const version = b.score.model_version;
    if (!current || (version === current && b.explanation.model_version === current)) return nothing;
    const t = offlineText();
    return html`<p class="stale-copy notice warning" role="note"><span aria-hidden="true">⚠</span> ${t.staleLong.replace('{version}', version).replace('{current}', current)}</p>`;
  }

  /** One phrase in the interface language; an English fallback (kept offline before French existed) says so with lang. */
  private phraseItem(t: TopContribution, locale: Locale) {
    const p = localPhrase(t, locale);
    return html`<li class=${t.direction}><span class="arrow" aria-hidden="true">${t.direction === 'raises' ? '▲' : '▼'}</span> <span lang=${p.lang}>${p.text}</span></li>`;
  }

  /** The printed report's reasons, grouped by direction (the screen shows them in order of weight). */
  private renderGroupedReasons(b: ClientBundle, locale: Locale) {
    const x = msg().explore.print;
    const group = (direction: 'raises' | 'lowers', title: string) => {
      const items = b.explanation.top.filter((t) => t.direction === direction);
      return items.length === 0 ? nothing : html`<h3>${title}</h3><ul>${items.map((t) => this.phraseItem(t, locale))}</ul>`;
    };
    return html`<div class="print-only grouped-reasons">${group('raises', x.raisesTitle)}${group('lowers', x.lowersTitle)}</div>`;
  }

  private renderNextSteps(decision: Decision) {
    const x = msg().explore.print;
    const locale = getLocale();
    // Issue 11 provides the signed-in advisor; until then the report leaves a named blank.
    const advisor = this.advisorName;
    return html`<section class="card print-only next-steps">
      <h2>${x.nextStepsTitle}</h2>
      <ul>${(decision === 'refused' ? x.nextRefused : x.nextGranted).map((step) => html`<li>${step}</li>`)}</ul>
      <p>${fill(x.advisor, { name: advisor ?? x.advisorPlaceholder })} · ${fill(x.date, { date: formatDateTime(new Date().toISOString(), locale) })}</p>
    </section>`;
  }

  private renderClient(b: ClientBundle) {
    const m = msg().client;
    const locale = getLocale();
    const { probability, threshold, decision } = b.score;
    const features = indexFeatures(this.model?.features);
    const version = b.score.model_version;
    // Values in the interface language (the API's display values are English).
    const waterfall = {
      ...b.explanation,
      top: b.explanation.top.map((t) => ({ ...t, display_value: features.has(t.feature) ? valueText(features.get(t.feature), t.value, locale) : t.display_value })),
    };
    return html`
      <div class="toolbar">
        <p class="freshness ${b.source}"><span aria-hidden="true">${b.source === 'network' ? '●' : '○'}</span> ${this.freshness(b)}</p>
        ${this.staleNotice(b)}
        <div class="actions">
          <button type="button" @click=${this._onPrint}>${m.print}</button>
        </div>
      </div>
      <div class="top">
        <div class="left">
        <section class="card score" aria-labelledby="h-score">
          <h2 id="h-score">${m.scoreHeading}</h2>
          <p class="decision"><span class="badge ${decision}"><span aria-hidden="true">${decision === 'refused' ? '✕' : '✓'}</span>${decisionLabel(decision, locale)}</span>
            <strong>${formatPercent(probability, locale)}</strong> <span class="muted">(${distanceSentence(probability, threshold, locale)})</span></p>
          <p>${decisionSentence(probability, threshold, locale)} ${marginSentence(probability, threshold, locale)}</p>
          <chart-figure data-kind="gauge" .chart=${gaugeChart} .data=${{ probability, threshold }}></chart-figure>
        </section>
        <section class="card info" aria-labelledby="h-info">
          <h2 id="h-info">${m.infoHeading}</h2>
          <client-summary .client=${b.client} .features=${features}></client-summary>
        </section>
        </div>
        <section class="card why ${b.explanation.groups?.length ? 'has-groups' : ''}" aria-labelledby="h-why">
          <h2 id="h-why">${m.whyHeading}</h2>
          ${b.explanation.groups?.length
            ? html`<p class="groups-intro">${fill(msg().application.reasonsIntro, { base: formatPercent(1 / (1 + Math.exp(-b.explanation.base_value)), locale) })}</p>
              <reason-groups .groups=${b.explanation.groups}></reason-groups>
              <p class="muted why-detail">${m.whyDetail}</p>`
            : nothing}
          <glossary-panel></glossary-panel>
          <chart-figure data-kind="waterfall" .chart=${waterfallChart} .data=${waterfall}></chart-figure>
          <p class="why-intro">${m.whyIntro}</p>
          <ul class="phrases">
            ${b.explanation.top.map((t) => this.phraseItem(t, locale))}
          </ul>
          ${this.renderGroupedReasons(b, locale)}
        </section>
      </div>
      <section class="card compare" aria-labelledby="h-compare">
        <h2 id="h-compare">${m.compareHeading}</h2>
        ${this.population
          ? html`<compare-panel .population=${this.population} .client=${b.client} .explanation=${b.explanation} .features=${features}
              .probability=${probability} .threshold=${threshold}></compare-panel>`
          : this.populationFailed ? html`<p class="notice warning">${msg().app.offlineBanner}</p>` : html`<p class="muted">${msg().app.loading}</p>`}
      </section>
      <section class="card what-if" aria-labelledby="h-whatif">
        <h2 id="h-whatif">${m.whatIfHeading}</h2>
        <loan-simulation id-prefix="wi" .terms=${termsOfClient(b.client)} .schema=${this.schema} .threshold=${threshold}
          .run=${(changes: Record<string, number>) => services().api.whatIf(b.client.id, changes).then((r) => r.data)}></loan-simulation>
      </section>
      <section class="card review" aria-labelledby="h-review">
        <h2 id="h-review">${reviewText().heading}</h2>
        <review-form .bundle=${b}></review-form>
        <review-history .clientId=${b.client.id}></review-history>
      </section>
      ${this.renderNextSteps(decision)}
      <p class="report-footer">${fill(m.reportFooter, { date: formatDateTime(new Date().toISOString(), locale), version, t: formatPercent(threshold, locale) })}</p>
    `;
  }

  override render() {
    const m = msg().client;
    return html`
      <p class="back"><a href="#/clients">← ${m.back}</a></p>
      <h1 tabindex="-1"><span class="screen-title">${fill(m.title, { id: this.clientId })}</span><span class="print-title">${fill(m.reportTitle, { id: this.clientId })}</span></h1>
      ${this.bundle.render({
        pending: () => html`<p class="muted" role="status">${fill(m.loading, { id: this.clientId })}</p>`,
        complete: (b) => this.renderClient(b),
        error: (e) => html`<p class="notice warning" role="alert">${
          e instanceof NotAvailableOfflineError ? m.notOffline
          : (e as { status?: number }).status === 404 ? fill(m.notFound, { id: this.clientId })
          : fill(msg().clients.error, { detail: (e as Error).message })}</p>
          <button type="button" @click=${() => this.bundle.run()}>${msg().app.retry}</button>`,
      })}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'client-page': ClientPage;
  }
}
