/**
 * Reasons grouped as a person reads them ("Scores externes", "Crédit comparé au revenu"...), largest
 * first, each in signed probability points: the API sums the SHAP values of a group's inputs, so the
 * same external score never appears four times. Used by the client page and a new application's result.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ReasonGroup } from '../api/application-types.js';
import { orderedGroups } from '../application/result-view.js';
import { localLabel, localPhrase } from '../i18n/feature-text.js';
import { formatSigned } from '../i18n/format.js';
import { fill, getLocale, msg } from '../i18n/i18n.js';
import { LocaleController } from '../i18n/locale-controller.js';

@customElement('reason-groups')
export class ReasonGroups extends LitElement {
  static override styles = css`
    :host { display: block; }
    .groups { margin: 0; padding-left: 0; list-style: none; }
    .groups li { padding: 0.3rem 0; border-bottom: 1px solid #e6eaee; display: flex; gap: 0.5rem; }
    .groups .arrow { width: 1.2rem; flex: none; }
    .groups li.raises .arrow { color: var(--pad-raise); }
    .groups li.lowers .arrow { color: var(--pad-lower); }
    .groups .pts { margin-left: auto; font-variant-numeric: tabular-nums; font-weight: 700; white-space: nowrap; }
  `;

  @property({ attribute: false }) groups: ReasonGroup[] = [];

  constructor() {
    super();
    new LocaleController(this);
  }

  /** Items past this rank are a part named `extra`, which a printed page may leave out. */
  @property({ type: Number }) printed = 8;

  private item(g: ReasonGroup, rank: number) {
    const locale = getLocale();
    const p = localPhrase(g, locale);
    const direction = g.points >= 0 ? 'raises' : 'lowers';
    // The API's phrase names its group ("Scores externes : …"); an older phrase without it gets the label.
    const label = localLabel(g, locale);
    const text = p.text.startsWith(label) ? p.text : html`<strong>${label}</strong> — ${p.text}`;
    return html`<li class=${direction} data-group=${g.group} part=${rank < this.printed ? 'item' : 'item extra'}><span class="arrow" aria-hidden="true">${direction === 'raises' ? '▲' : '▼'}</span>
      <span lang=${p.lang}>${text}</span>
      <span class="pts">${fill(msg().units.points, { n: formatSigned(g.points * 100, locale, 1) })}</span></li>`;
  }

  override render() {
    return html`<ul class="groups">${orderedGroups(this.groups).map((g, rank) => this.item(g, rank))}</ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'reason-groups': ReasonGroups;
  }
}
