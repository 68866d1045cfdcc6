/** Reviewed clients kept on this workstation (IndexedDB), openable offline. */
import { Task } from '@lit/task';
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { announce } from '../announce.js';
import { decisionLabel } from '../charts/decision.js';
import { formatDateTime, formatPercent } from '../i18n/format.js';
import { fill, getLocale, msg } from '../i18n/i18n.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { services } from '../services.js';
import { tokens } from '../styles/shared.js';

@customElement('reviewed-page')
export class ReviewedPage extends LitElement {
  static override styles = [tokens, css`
    :host { display: block; }
    .actions { display: flex; gap: 0.5rem; flex-wrap: wrap; }
    caption { text-align: left; font-weight: 700; padding: 0.25rem 0 0.5rem; }
  `];

  private readonly list = new Task(this, {
    task: async () => (await services().store()).list(),
    args: () => [],
  });

  constructor() {
    super();
    new LocaleController(this);
  }

  private async _onRemove(id: number): Promise<void> {
    await (await services().store()).remove(id);
    announce(fill(msg().client.removedFromOffline, { id }));
    await this.list.run();
  }

  override render() {
    const m = msg().reviewed;
    const locale = getLocale();
    return html`
      <h1 tabindex="-1">${m.title}</h1>
      <p class="muted">${m.intro}</p>
      ${this.list.render({
        pending: () => html`<p class="muted" role="status">${msg().app.loading}</p>`,
        error: (e) => html`<p class="notice warning" role="alert">${(e as Error).message}</p>`,
        complete: (items) => items.length === 0
          ? html`<p class="card">${m.empty}</p>`
          : html`<div class="card"><table>
              <caption>${m.tableCaption}</caption>
              <thead><tr>
                <th scope="col">${m.columns.id}</th><th scope="col">${m.columns.decision}</th><th scope="col" class="num">${m.columns.probability}</th>
                <th scope="col">${m.columns.reviewedAt}</th><th scope="col">${m.columns.fetchedAt}</th><th scope="col">${m.columns.actions}</th>
              </tr></thead>
              <tbody>${items.map((r) => html`<tr>
                <th scope="row">${r.id}</th>
                <td><span class="badge ${r.score.decision}"><span aria-hidden="true">${r.score.decision === 'refused' ? '✕' : '✓'}</span>${decisionLabel(r.score.decision, locale)}</span></td>
                <td class="num">${formatPercent(r.score.probability, locale)}</td>
                <td>${formatDateTime(r.reviewedAt, locale)}</td>
                <td>${formatDateTime(r.fetchedAt, locale)}</td>
                <td><div class="actions">
                  <a class="button" href="#/clients/${r.id}" aria-label=${fill(m.openLabel, { id: r.id })}>${m.open}</a>
                  <button type="button" aria-label=${fill(m.removeLabel, { id: r.id })} @click=${() => this._onRemove(r.id)}>${m.remove}</button>
                </div></td>
              </tr>`)}</tbody>
            </table></div>`,
      })}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'reviewed-page': ReviewedPage;
  }
}
