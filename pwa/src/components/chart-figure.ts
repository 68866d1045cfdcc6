/**
 * A chart as an accessible figure: takeaway heading, the svg (role="img"), a text summary,
 * and a "show as table" toggle with the same numbers. The chart itself is a pure module.
 *
 * @csspart figure - the <figure> element
 * @fires chart-drawn - after each drawing, with `detail.kind` = the `data-kind` attribute
 * @csspart caption - the text summary (hidden in the printed report where the page says the same)
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { ChartModule, BaseOptions, TableData } from '../charts/types.js';
import { fill, getLocale, msg } from '../i18n/i18n.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { tokens } from '../styles/shared.js';

export const defaults = { minWidth: 300, maxWidth: 900, resizeDelayMs: 120 };

let idCounter = 0;

@customElement('chart-figure')
export class ChartFigure extends LitElement {
  static override styles = [tokens, css`
    :host { display: block; }
    figure { margin: 0; }
    .plot { width: 100%; overflow-x: auto; }
    svg.chart { display: block; max-width: 100%; height: auto; color: var(--pad-ink); font-family: inherit; }
    svg.chart:focus { outline: none; }
    svg.chart:focus-visible { outline: 3px solid var(--pad-focus); outline-offset: 2px; }
    figcaption { margin: 0.5rem 0; color: var(--pad-ink); max-width: 70ch; }
    .tools { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
    .hint { font-size: 0.85rem; }
    .table-wrap { max-height: 24rem; overflow: auto; margin-top: 0.5rem; }
    .table-wrap:focus-visible { outline: 3px solid var(--pad-focus); }
    th button.sort { font: inherit; font-weight: 700; background: none; border: 0; padding: 0; color: inherit; cursor: pointer; text-align: inherit; }
    @media (forced-colors: active) {
      svg.chart .mark { stroke: CanvasText; }
      svg.chart .focus-ring rect { stroke: Highlight; }
    }
    @media print {
      .tools { display: none; }
      .plot { overflow: visible; }
    }
  `];

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  @property({ attribute: false }) chart: ChartModule<any, any> | undefined;
  @property({ attribute: false }) data: unknown;
  @property({ attribute: false }) options: Partial<BaseOptions> & Record<string, unknown> = {};
  /** Heading level of the takeaway title (2–4). */
  @property({ type: Number }) level = 3;
  @state() private showTable = false;
  /** Column the table is sorted by (with sortValues), and its direction. */
  @state() private sortColumn: number | null = null;
  @state() private sortDescending = false;
  @state() private width = 640;
  @query('svg') private svg!: SVGSVGElement;
  @query('.plot') private plot!: HTMLElement;

  private readonly ids = `chart-${(idCounter += 1)}`;
  private observer: ResizeObserver | undefined;
  private resizeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    new LocaleController(this);
  }

  override firstUpdated(): void {
    if (typeof ResizeObserver === 'undefined') return;
    this.observer = new ResizeObserver(() => {
      clearTimeout(this.resizeTimer);
      this.resizeTimer = setTimeout(() => this.measure(), defaults.resizeDelayMs);
    });
    this.observer.observe(this.plot);
    this.measure();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    clearTimeout(this.resizeTimer);
  }

  private measure(): void {
    const measured = Math.round(this.plot?.clientWidth ?? 0);
    if (measured <= 0) return;
    const width = Math.min(defaults.maxWidth, Math.max(defaults.minWidth, measured));
    if (width !== this.width) this.width = width;
  }

  override updated(): void {
    if (!this.chart || this.data === undefined || this.data === null) return;
    this.chart.draw(this.svg, this.data, { ...this.options, width: this.width, locale: getLocale() });
    this.dispatchEvent(new CustomEvent('chart-drawn', { detail: { kind: this.dataset['kind'] ?? '' }, bubbles: true, composed: true }));
  }

  private _onToggleTable(): void {
    this.showTable = !this.showTable;
  }

  private _onSort(column: number): void {
    if (this.sortColumn === column) this.sortDescending = !this.sortDescending;
    else {
      this.sortColumn = column;
      // Numbers read best largest first ("who has the most ..."), texts from A.
      this.sortDescending = column !== 0;
    }
  }

  private renderTable(table: TableData, caption: string) {
    const m = msg().explore.points;
    const order = sortedRows(table, this.sortColumn, this.sortDescending);
    const shown = table.maxRows !== undefined ? order.slice(0, table.maxRows) : order;
    const links = new Map((table.links ?? []).map((l, row) => [row, l]));
    const cell = (row: number, column: number) => {
      const text = table.rows[row]![column]!;
      const link = links.get(row);
      return link && link.column === column ? html`<a href=${link.href}>${text}</a>` : text;
    };
    const header = (c: string, i: number) => {
      if (!table.sortValues) return html`<th scope="col">${c}</th>`;
      const sorted = this.sortColumn === i;
      return html`<th scope="col" aria-sort=${sorted ? (this.sortDescending ? 'descending' : 'ascending') : 'none'}>
        <button type="button" class="sort" @click=${() => this._onSort(i)}>${c}<span aria-hidden="true">${sorted ? (this.sortDescending ? ' ▼' : ' ▲') : ' ↕'}</span></button></th>`;
    };
    return html`
      ${shown.length < order.length ? html`<p class="hint muted">${fill(m.tableNote, { shown: shown.length, n: order.length })}</p>` : nothing}
      <table>
        <caption class="sr-only">${caption}</caption>
        <thead><tr>${table.columns.map(header)}</tr></thead>
        <tbody>${shown.map((r) => html`<tr>${table.columns.map((_, i) => (i === 0 ? html`<th scope="row">${cell(r, i)}</th>` : html`<td>${cell(r, i)}</td>`))}</tr>`)}</tbody>
      </table>`;
  }

  private heading(text: string) {
    const id = `${this.ids}-title`;
    switch (this.level) {
      case 2:
        return html`<h2 id=${id}>${text}</h2>`;
      case 4:
        return html`<h4 id=${id}>${text}</h4>`;
      default:
        return html`<h3 id=${id}>${text}</h3>`;
    }
  }

  override render() {
    if (!this.chart || this.data === undefined || this.data === null) return nothing;
    const locale = getLocale();
    const m = msg().charts;
    const table = this.showTable ? this.chart.table(this.data, locale) : null;
    return html`
      <figure part="figure" aria-labelledby="${this.ids}-title">
        ${this.heading(this.chart.headline(this.data, locale))}
        <div class="plot"><svg aria-describedby="${this.ids}-hint"></svg></div>
        <figcaption part="caption">${this.chart.describe(this.data, locale)}</figcaption>
        <div class="tools">
          <button type="button" aria-expanded=${this.showTable ? 'true' : 'false'} aria-controls="${this.ids}-table" @click=${this._onToggleTable}>
            ${this.showTable ? m.hideTable : m.showTable}
          </button>
          <span class="hint muted" id="${this.ids}-hint">${m.keyboardHint}</span>
        </div>
        <div class="table-wrap" id="${this.ids}-table" ?hidden=${!this.showTable} role="region" tabindex=${this.showTable ? '0' : '-1'}
          aria-label=${this.chart.headline(this.data, locale)}>
          ${table ? this.renderTable(table, this.chart.headline(this.data, locale)) : nothing}
        </div>
      </figure>
    `;
  }
}

/** Row indexes in display order: by sortValues of `column` (missing last), else as given. */
export function sortedRows(table: TableData, column: number | null, descending: boolean): number[] {
  const order = table.rows.map((_, i) => i);
  const values = table.sortValues;
  if (column === null || !values) return order;
  const sign = descending ? -1 : 1;
  return order.sort((a, b) => {
    const x = values[a]?.[column] ?? null;
    const y = values[b]?.[column] ?? null;
    if (x === null || y === null) return x === y ? a - b : x === null ? 1 : -1;
    if (x === y) return a - b;
    return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y)));
  });
}

declare global {
  interface HTMLElementTagNameMap {
    'chart-figure': ChartFigure;
  }
}
