/**
 * Explore the book with the list's filters: a ranking (top clients by a chosen measure) and a
 * bivariate chart of every matching client on two chosen model inputs. Marks open the client.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ClientPoints, ClientSummary, FeatureInfo } from '../api/types.js';
import { bookScatterChart, type BookScatterData } from '../charts/book-scatter.js';
import { rankingChart, type RankingData } from '../charts/ranking.js';
import { localLabel } from '../i18n/feature-text.js';
import { formatNumber } from '../i18n/format.js';
import { fill, getLocale, msg } from '../i18n/i18n.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { navigate } from '../router.js';
import { services } from '../services.js';
import { tokens } from '../styles/shared.js';
import { emptyFilters, filterQuery, type ClientFilters } from '../pages/client-filters.js';
import { featureAxis, formatMeasure, measureLabel, rankingMeasures, type RankingMeasure } from './book-axes.js';
import './chart-figure.js';

export const defaults = {
  measure: 'previous_applications' as RankingMeasure, top: 10, tops: [5, 10, 20], x: 'AGE_YEARS', y: 'AMT_CREDIT',
  /** Start fetching the bivariate chart when its section is this close below the screen. */
  pointsAheadPx: 200,
};

/** The advisor's choices, kept across visits like the list's filters. */
const remembered = { measure: defaults.measure, top: defaults.top, x: defaults.x, y: defaults.y };

@customElement('book-explorer')
export class BookExplorer extends LitElement {
  static override styles = [tokens, css`
    :host { display: block; margin-top: 2rem; }
    .controls { display: flex; flex-wrap: wrap; gap: 0.75rem 1.25rem; align-items: flex-end; margin: 0.75rem 0; }
    .field { display: flex; flex-direction: column; gap: 0.25rem; min-width: 0; max-width: 100%; }
    select { max-width: 100%; }
    section { margin-top: 1.5rem; }
    /* About the chart's height, so the page below does not jump when it is drawn. */
    .points-pending { min-height: 30rem; }
  `];

  @property({ attribute: false }) filters: ClientFilters = { ...emptyFilters };
  @state() private features: FeatureInfo[] = [];
  @state() private measure: RankingMeasure = remembered.measure;
  @state() private top = remembered.top;
  @state() private x = remembered.x;
  @state() private y = remembered.y;
  @state() private ranking: ClientSummary[] | null = null;
  @state() private points: ClientPoints | null = null;
  @state() private error: string | null = null;
  /**
   * The bivariate chart (every matching client, thousands of marks) is fetched and drawn once its
   * section comes near the screen: below the grid, it would otherwise hold the main thread while the
   * list is first shown. Reaching its selects by keyboard scrolls it there too.
   */
  @state() private pointsWanted = typeof IntersectionObserver === 'undefined';
  private requestedRanking = '';
  private requestedPoints = '';
  private observer: IntersectionObserver | undefined;

  constructor() {
    super();
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    services().model().then((m) => {
      this.features = m.data.features;
    }, () => undefined);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.observer = undefined;
  }

  override firstUpdated(): void {
    if (this.pointsWanted) return;
    this.observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      this.pointsWanted = true;
      this.observer?.disconnect();
    }, { rootMargin: `0px 0px ${defaults.pointsAheadPx}px 0px` });
    this.observer.observe(this.renderRoot.querySelector('section.points')!);
  }

  override updated(): void {
    Object.assign(remembered, { measure: this.measure, top: this.top, x: this.x, y: this.y });
    const filters = filterQuery(this.filters);
    const rankingKey = JSON.stringify([filters, this.measure, this.top]);
    if (rankingKey !== this.requestedRanking) {
      this.requestedRanking = rankingKey;
      void this.load(rankingKey, () => this.requestedRanking, async () => {
        this.ranking = (await services().api.clients({ ...filters, sort: `-${this.measure}`, limit: this.top })).data.items;
      });
    }
    const pointsKey = JSON.stringify([filters, this.x, this.y]);
    if (this.pointsWanted && pointsKey !== this.requestedPoints) {
      this.requestedPoints = pointsKey;
      void this.load(pointsKey, () => this.requestedPoints, async () => {
        this.points = (await services().api.clientPoints(this.x, this.y, filters)).data;
      });
    }
  }

  /** Run one request; its answer (or error) is dropped when a newer request of the same kind started. */
  private async load(key: string, latest: () => string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
      if (key === latest()) this.error = null;
    } catch (error) {
      if (key !== latest()) return;
      this.error = fill(msg().clients.error, { detail: String((error as Error).message) });
    }
  }

  private readonly open = (id: number): void => navigate({ name: 'client', id });

  private rankingData(): RankingData | null {
    if (!this.ranking) return null;
    const measure = this.measure;
    const rows = this.ranking
      .map((c) => ({ id: c.id, value: c[measure], probability: c.probability, decision: c.decision }))
      .filter((r): r is { id: number; value: number; probability: number; decision: ClientSummary['decision'] } => r.value !== null);
    return { measureLabel: measureLabel(measure, getLocale()), format: (v, l) => formatMeasure(measure, v, l), rows };
  }

  private scatterData(): BookScatterData | null {
    const p = this.points;
    const xInfo = this.features.find((f) => f.name === p?.x);
    const yInfo = this.features.find((f) => f.name === p?.y);
    if (!p || !xInfo || !yInfo) return null;
    const locale = getLocale();
    return {
      x: featureAxis(xInfo, locale), y: featureAxis(yInfo, locale), threshold: p.threshold, total: p.total,
      points: p.id.map((id, i) => ({ id, x: p.x_values[i] ?? null, y: p.y_values[i] ?? null, probability: p.probability[i]! })),
    };
  }

  private select<T extends string | number>(id: string, label: string, value: T, options: Array<[T, string]>, onChange: (v: string) => void) {
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <select id=${id} @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
        ${options.map(([v, text]) => html`<option value=${String(v)} ?selected=${v === value}>${text}</option>`)}
      </select>
    </div>`;
  }

  override render() {
    const locale = getLocale();
    const x = msg().explore;
    const choices = this.features.map((f) => [f.name, localLabel(f, locale)] as [string, string])
      .sort((a, b) => a[1].localeCompare(b[1], locale));
    const ranking = this.rankingData();
    const scatter = this.scatterData();
    const count = this.points ? formatNumber(this.points.id.length, locale, 0) : '…';
    return html`
      <h2>${x.explorerTitle}</h2>
      <p class="muted">${fill(x.explorerIntro, { n: fill(msg().clients.count, { n: count }) })}</p>
      ${this.error ? html`<p class="notice warning" role="alert">${this.error}</p>` : nothing}
      <section aria-label=${x.ranking.measure}>
        <div class="controls">
          ${this.select('rank-measure', x.ranking.measure, this.measure, rankingMeasures.map((m) => [m, measureLabel(m, locale)]), (v) => { this.measure = v as RankingMeasure; })}
          ${this.select('rank-top', x.ranking.top, this.top, defaults.tops.map((n) => [n, String(n)]), (v) => { this.top = Number(v); })}
        </div>
        ${ranking ? html`<chart-figure data-kind="ranking" .chart=${rankingChart} .data=${ranking} .options=${{ onOpen: this.open }}></chart-figure>` : html`<p>${msg().app.loading}</p>`}
      </section>
      <section class="points" aria-label=${x.points.x}>
        <div class="controls">
          ${this.select('points-x', x.points.x, this.x, choices, (v) => { this.x = v; })}
          ${this.select('points-y', x.points.y, this.y, choices, (v) => { this.y = v; })}
        </div>
        ${scatter ? html`<chart-figure data-kind="book-scatter" .chart=${bookScatterChart} .data=${scatter} .options=${{ onOpen: this.open }}></chart-figure>` : html`<p class="points-pending">${x.points.loading}</p>`}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'book-explorer': BookExplorer;
  }
}
