/** The client's situation as a definition list (display fields of GET /v1/clients/:id). */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ClientDetail } from '../api/types.js';
import { formatNumber, formatValue } from '../i18n/format.js';
import { fill, getLocale, msg } from '../i18n/i18n.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { tokens } from '../styles/shared.js';
import { categoryFields, categoryText, type FeatureIndex } from './feature-meta.js';

@customElement('client-summary')
export class ClientSummary extends LitElement {
  static override styles = [tokens, css`
    :host { display: block; }
    dl { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: 0.5rem 1.25rem; margin: 0; }
    div { min-width: 0; }
    dt { font-size: 0.85rem; color: var(--pad-muted); }
    dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
    /* The report is for the client: which data set a file came from means nothing to them. */
    @media print { dl { grid-template-columns: repeat(4, 1fr); font-size: 0.8rem; } .dataset { display: none; } }
  `];

  @property({ attribute: false }) client: ClientDetail | undefined;
  /** The catalogue, for category values in the interface language. */
  @property({ attribute: false }) features: FeatureIndex = new Map();

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    const c = this.client;
    if (!c) return html``;
    const locale = getLocale();
    const m = msg();
    const i = m.client.info;
    const missing = m.units.missing;
    const money = (v: number | null) => (v === null ? missing : formatNumber(v, locale, 0));
    const text = (v: string | null) => v ?? missing;
    const category = (field: keyof typeof categoryFields) => text(categoryText(this.features, categoryFields[field], c[field], locale));
    const yesNo = (v: number | boolean | null) => (v === null ? missing : v ? m.units.yes : m.units.no);
    const gender = c.gender === 'F' ? m.clients.genderF : c.gender === 'M' ? m.clients.genderM : text(c.gender);
    const rows: Array<[string, string, string?]> = [
      [i.dataset, c.dataset === 'new' ? m.clients.datasetNew : m.clients.datasetTrain, 'dataset'],
      [i.gender, gender],
      [i.age, c.age_years === null ? missing : fill(m.units.years, { n: Math.floor(c.age_years) })],
      [i.income, money(c.income)],
      [i.credit, money(c.credit_amount)],
      [i.annuity, money(c.annuity)],
      [i.goodsPrice, money(c.goods_price)],
      [i.contract, category('contract_type')],
      [i.family, category('family_status')],
      [i.education, category('education')],
      [i.incomeType, category('income_type')],
      [i.occupation, category('occupation')],
      [i.children, c.children === null ? missing : String(c.children)],
      [i.employment, c.employment_years === null ? m.client.noEmployment : fill(m.units.years, { n: formatValue(c.employment_years, locale) })],
      [i.ownCar, yesNo(c.own_car)],
      [i.ownRealty, yesNo(c.own_realty)],
    ];
    return html`<dl>${rows.map(([k, v, cls]) => html`<div class=${cls ?? ''}><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'client-summary': ClientSummary;
  }
}
