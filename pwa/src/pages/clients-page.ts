/**
 * Find a client: a lazily paged, sortable vaadin-grid fed by GET /v1/clients, with an id search
 * and a few filters (debounced).
 */
import '@vaadin/grid/vaadin-grid.js';
import '@vaadin/grid/vaadin-grid-sort-column.js';
import type { Grid, GridDataProviderCallback, GridDataProviderParams } from '@vaadin/grid';
import { columnBodyRenderer } from '@vaadin/grid/lit.js';
import { LitElement, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { announce } from '../announce.js';
import { ApiError } from '../api/client.js';
import type { ClientSummary } from '../api/types.js';
import { decisionLabel } from '../charts/decision.js';
import { formatNumber, formatPercent } from '../i18n/format.js';
import { fill, getLocale, msg } from '../i18n/i18n.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { navigate } from '../router.js';
import '../components/prepare-offline.js';
import '../components/offline-client-list.js';
import { keptMark, keptMarkStyles } from '../components/kept-mark.js';
import { keptEntries, type KeptEntry } from '../offline/kept-copies.js';
import { services } from '../services.js';
import { clientsStyles } from './clients-page.styles.js';
import { categoryText, indexFeatures, type FeatureIndex } from '../components/feature-meta.js';
import { amountKeys, countKeys, debounce, defaults, emptyFilters, filterErrors, toQuery, type ClientFilters, type FilterError } from './client-filters.js';

/** Kept across visits so going back from a client keeps the advisor's search. */
let remembered: ClientFilters = { ...emptyFilters };

@customElement('clients-page')
export class ClientsPage extends LitElement {
  static override styles = [clientsStyles, keptMarkStyles];

  @state() private filters: ClientFilters = { ...remembered };
  @state() private total: number | null = null;
  @state() private error: string | null = null;
  @state() private offline = services().connectivity.snapshot.status === 'offline';
  @state() private contractTypes: string[] = ['Cash loans', 'Revolving loans'];
  @state() private features: FeatureIndex = new Map();
  /** The filters the grid shows, passed to the explorer so its charts match the list. */
  @state() private shown: ClientFilters = { ...remembered };
  /** Clients kept on this workstation (prepared or reviewed), marked in the grid. */
  @state() private kept: Map<number, KeptEntry> = new Map();
  /** The explorer (its charts and D3) is loaded once the grid's first page has settled, off the first paint. */
  @state() private explorerLoaded = false;
  @query('vaadin-grid') private grid!: Grid<ClientSummary>;
  private applied: ClientFilters = { ...remembered };
  private readonly refresh = debounce(() => this.apply(), defaults.debounceMs);

  constructor() {
    super();
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    services().connectivity.addEventListener('change', this._onConnectivity);
    services().copies.addEventListener('change', this._onKeptChange);
    void this._onKeptChange();
    services().model().then((m) => {
      const contract = m.data.features.find((f) => f.name === 'NAME_CONTRACT_TYPE');
      if (Array.isArray(contract?.categories)) this.contractTypes = contract.categories;
      this.features = indexFeatures(m.data.features);
    }, () => undefined);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.refresh.cancel();
    services().connectivity.removeEventListener('change', this._onConnectivity);
    services().copies.removeEventListener('change', this._onKeptChange);
  }

  private _onKeptChange = async (): Promise<void> => {
    const s = services();
    const version = await s.model().then((m) => m.data.model_version, () => null);
    try {
      this.kept = await keptEntries(await s.store(), version);
    } catch {
      // Signed out: nothing of this user is kept here.
      this.kept = new Map();
    }
  };

  private _onConnectivity = (): void => {
    const offline = services().connectivity.snapshot.status === 'offline';
    if (this.offline !== offline) void this._onKeptChange();
    this.offline = offline;
  };

  /** The newest request of each grid page: an older answer arriving late must not overwrite it. */
  private readonly latestRequest = new Map<number, number>();
  private requestCount = 0;

  private dataProvider = (params: GridDataProviderParams<ClientSummary>, callback: GridDataProviderCallback<ClientSummary>): void => {
    const query = toQuery(this.applied, params.page, params.pageSize, params.sortOrders);
    const request = ++this.requestCount;
    this.latestRequest.set(params.page, request);
    // A filter or sort change asks for the page again; the answer to the superseded query is dropped
    // (the newer request calls back), or the grid would show the old filter's rows under the new one.
    const superseded = (): boolean => this.latestRequest.get(params.page) !== request;
    services().api.clients(query).then(
      ({ data }) => {
        if (superseded()) return;
        this.error = null;
        const changed = this.total !== data.total;
        this.total = data.total;
        callback(data.items, data.total);
        this.loadExplorer();
        // Tell screen-reader users what a new search or filter found.
        if (changed && params.page === 0) announce(this.countText());
      },
      (error: unknown) => {
        if (superseded()) return;
        callback([], 0);
        this.loadExplorer();
        this.total = null;
        this.error = error instanceof ApiError && error.isNetwork ? msg().clients.offline : fill(msg().clients.error, { detail: String((error as Error).message) });
      },
    );
  };

  private explorerRequested = false;
  private loadExplorer(): void {
    if (this.explorerRequested) return;
    this.explorerRequested = true;
    import('../components/book-explorer.js').then(() => (this.explorerLoaded = true), () => (this.explorerRequested = false));
  }

  private apply(): void {
    if (Object.keys(filterErrors(this.filters)).length > 0) return;
    this.applied = { ...this.filters };
    this.shown = this.applied;
    remembered = { ...this.filters };
    this.grid?.clearCache();
  }

  private _onFilter(key: keyof ClientFilters, event: Event): void {
    const value = (event.target as HTMLInputElement | HTMLSelectElement).value;
    this.filters = { ...this.filters, [key]: value };
    // Selects apply at once; typed fields wait for the advisor to pause.
    if (event.target instanceof HTMLSelectElement) this.apply();
    else this.refresh();
  }

  private _onReset(): void {
    this.filters = { ...emptyFilters };
    this.apply();
  }

  private _onActivate(event: CustomEvent<{ model: { item?: ClientSummary } }>): void {
    const item = event.detail.model.item;
    if (item) navigate({ name: 'client', id: item.id });
  }

  /** vaadin-grid gives Enter to cell interaction; on a row, Enter should open the client. */
  private _onGridKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || this.grid.hasAttribute('interacting')) return;
    const cell = event.composedPath()[0] as HTMLElement;
    if (!cell.getAttribute?.('part')?.includes('body-cell')) return;
    const item = this.grid.getEventContext(event).item;
    if (item) navigate({ name: 'client', id: item.id });
  }

  private countText(): string {
    const m = msg().clients;
    if (this.total === null) return '';
    if (this.total === 0) return m.countNone;
    return this.total === 1 ? m.countOne : fill(m.count, { n: formatNumber(this.total, getLocale(), 0) });
  }

  private errorText(error: FilterError): string {
    const m = msg().clients;
    const x = msg().explore;
    const texts: Record<FilterError, string> = {
      invalidAge: m.invalidAge, digits: m.searchHint, invalidAmount: x.invalidAmount, invalidCount: x.invalidCount, minAboveMax: x.minAboveMax,
    };
    return texts[error];
  }

  private renderFilters() {
    const m = msg().clients;
    const x = msg().explore;
    const locale = getLocale();
    const errors = filterErrors(this.filters);
    const select = (key: 'contract_type' | 'gender' | 'dataset' | 'decision', label: string, options: [string, string][]) => html`
      <div class="field">
        <label for="f-${key}">${label}</label>
        <select id="f-${key}" .value=${this.filters[key]} @change=${(e: Event) => this._onFilter(key, e)}>
          <option value="">${m.all}</option>
          ${options.map(([value, text]) => html`<option value=${value} ?selected=${this.filters[key] === value}>${text}</option>`)}
        </select>
      </div>`;
    const number = (key: keyof ClientFilters, label: string, step: string) => html`
      <div class="field small">
        <label for="f-${key}">${label}</label>
        <input id="f-${key}" type="text" inputmode=${step === '1' ? 'numeric' : 'decimal'} autocomplete="off"
          .value=${this.filters[key]} aria-invalid=${errors[key] ? 'true' : 'false'}
          aria-describedby=${errors[key] ? `err-${key}` : nothing} @input=${(e: Event) => this._onFilter(key, e)} />
        ${errors[key] ? html`<span class="error" id="err-${key}">${this.errorText(errors[key]!)}</span>` : nothing}
      </div>`;
    const contractName = (c: string) => categoryText(this.features, 'NAME_CONTRACT_TYPE', c, locale) ?? c;
    const amountLabels: Record<(typeof amountKeys)[number], string> = {
      income_min: x.incomeMin, income_max: x.incomeMax, credit_min: x.creditMin, credit_max: x.creditMax,
    };
    const countLabels: Record<(typeof countKeys)[number], string> = {
      previous_applications_min: x.previousMin, bureau_credits_min: x.bureauMin, late_months_min: x.lateMin,
    };
    return html`
      <form class="filters card" role="search" @submit=${(e: Event) => e.preventDefault()}>
        <div class="field search">
          <label for="f-q">${m.searchLabel}</label>
          <input id="f-q" type="search" inputmode="numeric" autocomplete="off" .value=${this.filters.q}
            aria-describedby="q-hint" aria-invalid=${errors.q ? 'true' : 'false'} @input=${(e: Event) => this._onFilter('q', e)} />
          <span class="hint muted" id="q-hint">${m.searchHint}</span>
        </div>
        <fieldset>
          <legend>${m.filtersLegend}</legend>
          ${select('decision', x.decision, [['granted', decisionLabel('granted', locale)], ['refused', decisionLabel('refused', locale)]])}
          ${select('contract_type', m.contractType, this.contractTypes.map((c) => [c, contractName(c)]))}
          ${select('gender', m.gender, [['F', m.genderF], ['M', m.genderM]])}
          ${select('dataset', m.dataset, [['train', m.datasetTrain], ['new', m.datasetNew]])}
          ${number('age_min', m.ageMin, '1')} ${number('age_max', m.ageMax, '1')}
        </fieldset>
        <fieldset>
          <legend>${x.amountsLegend}</legend>
          ${amountKeys.map((key) => number(key, amountLabels[key], 'any'))}
        </fieldset>
        <fieldset>
          <legend>${x.historyLegend}</legend>
          ${countKeys.map((key) => number(key, countLabels[key], '1'))}
        </fieldset>
        <button type="button" class="reset" @click=${this._onReset}>${m.reset}</button>
      </form>`;
  }

  override render() {
    const m = msg().clients;
    // Offline only what can be opened is listed: the kept copies, not a page of the API's list.
    if (this.offline) return html`<h1 tabindex="-1">${m.title}</h1><offline-client-list></offline-client-list>`;
    const locale = getLocale();
    const x = msg().explore;
    const money = (v: number | null) => (v === null ? '—' : formatNumber(v, locale, 0));
    const count = (v: number | null) => (v === null ? '—' : formatNumber(v, locale, 0));
    return html`
      <h1 tabindex="-1">${m.title}</h1>
      <p class="muted">${m.intro}</p>
      ${this.renderFilters()}
      ${this.error ? html`<p class="notice warning" role="alert">${this.error}</p>` : nothing}
      <prepare-offline .query=${toQuery(this.applied, 0, 1, [])} @offline-prepared=${this._onKeptChange}></prepare-offline>
      <div class="grid-head">
        <p class="count">${this.countText()}</p>
        <p class="hint muted" id="grid-hint">${m.gridHint} ${x.currencyNote}</p>
      </div>
      <p class="hint muted">${x.columnHelp}</p>
      <vaadin-grid aria-label=${m.gridLabel} aria-describedby="grid-hint" .pageSize=${defaults.pageSize} .i18n=${{ sorter: x.points.sortBy }}
        .dataProvider=${this.dataProvider} @cell-activate=${this._onActivate} @keydown=${this._onGridKeyDown} theme="row-stripes wrap-cell-content">
        <vaadin-grid-sort-column path="id" header=${m.columns.id} width="9rem" flex-grow="0" frozen
          ${columnBodyRenderer<ClientSummary>((c) => html`<a href="#/clients/${c.id}" aria-label=${fill(m.open, { id: c.id })}>${c.id}</a>${this.kept.has(c.id) ? html` ${keptMark(this.kept.get(c.id)!)}` : nothing}`, [locale, this.kept])}></vaadin-grid-sort-column>
        <vaadin-grid-column header=${x.decision} width="8.5rem" flex-grow="0"
          ${columnBodyRenderer<ClientSummary>((c) => html`<span class="badge ${c.decision}"><span aria-hidden="true">${c.decision === 'refused' ? '✕' : '✓'}</span>${decisionLabel(c.decision, locale)}</span>`, [locale])}></vaadin-grid-column>
        <vaadin-grid-sort-column path="probability" header=${x.columns.probability} text-align="end" width="8.5rem" flex-grow="0"
          ${columnBodyRenderer<ClientSummary>((c) => html`${formatPercent(c.probability, locale)}`, [locale])}></vaadin-grid-sort-column>
        <vaadin-grid-sort-column path="income" header=${x.columns.income} text-align="end" width="8.5rem"
          ${columnBodyRenderer<ClientSummary>((c) => html`${money(c.income)}`, [locale])}></vaadin-grid-sort-column>
        <vaadin-grid-sort-column path="credit_amount" header=${x.columns.credit} text-align="end" width="8.5rem"
          ${columnBodyRenderer<ClientSummary>((c) => html`${money(c.credit_amount)}`, [locale])}></vaadin-grid-sort-column>
        <vaadin-grid-sort-column path="previous_applications" header=${x.columns.previous} text-align="end" width="10rem" flex-grow="0"
          ${columnBodyRenderer<ClientSummary>((c) => html`${count(c.previous_applications)}`, [locale])}></vaadin-grid-sort-column>
        <vaadin-grid-sort-column path="bureau_credits" header=${x.columns.bureau} text-align="end" width="8rem" flex-grow="0"
          ${columnBodyRenderer<ClientSummary>((c) => html`${count(c.bureau_credits)}`, [locale])}></vaadin-grid-sort-column>
        <vaadin-grid-sort-column path="late_months" header=${x.columns.late} text-align="end" width="7.5rem" flex-grow="0"
          ${columnBodyRenderer<ClientSummary>((c) => html`${count(c.late_months)}`, [locale])}></vaadin-grid-sort-column>
        <vaadin-grid-sort-column path="age_years" header=${x.columns.age} text-align="end" width="6.5rem" flex-grow="0"
          ${columnBodyRenderer<ClientSummary>((c) => html`${c.age_years === null ? '—' : Math.floor(c.age_years)}`, [locale])}></vaadin-grid-sort-column>
        <vaadin-grid-column header=${m.columns.gender} width="6rem" flex-grow="0"
          ${columnBodyRenderer<ClientSummary>((c) => html`${c.gender === 'F' ? m.genderF : c.gender === 'M' ? m.genderM : '—'}`, [locale])}></vaadin-grid-column>
        <vaadin-grid-column header=${m.columns.contract} width="10rem"
          ${columnBodyRenderer<ClientSummary>((c) => html`${categoryText(this.features, 'NAME_CONTRACT_TYPE', c.contract_type, locale) ?? '—'}`, [locale, this.features])}></vaadin-grid-column>
        <vaadin-grid-sort-column path="annuity" header=${x.columns.annuity} text-align="end" width="8rem"
          ${columnBodyRenderer<ClientSummary>((c) => html`${money(c.annuity)}`, [locale])}></vaadin-grid-sort-column>
      </vaadin-grid>
      ${this.explorerLoaded ? html`<book-explorer .filters=${this.shown}></book-explorer>` : html`<div class="explorer-slot"><p class="muted">${msg().app.loading}</p></div>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clients-page': ClientsPage;
  }
}
