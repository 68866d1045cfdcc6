/**
 * The client list as it is offline: only the clients that can be opened, those prepared or
 * reviewed on this workstation (IndexedDB), not the first page of a list the API cannot serve.
 * Copies made with another model than the current one say which model made them.
 */
import { Task } from '@lit/task';
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { decisionLabel } from '../charts/decision.js';
import { formatDateTime, formatPercent } from '../i18n/format.js';
import { getLocale, msg } from '../i18n/i18n.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { offlineText } from '../i18n/offline-text.js';
import { countText } from '../i18n/review-text.js';
import { keptEntries, type KeptEntry } from '../offline/kept-copies.js';
import { services } from '../services.js';
import { tokens } from '../styles/shared.js';
import { keptMark, keptMarkStyles } from './kept-mark.js';

@customElement('offline-client-list')
export class OfflineClientList extends LitElement {
  static override styles = [tokens, keptMarkStyles, css`
    :host { display: block; }
    td.num, th.num { text-align: right; }
    /* On a phone the table scrolls inside its card, not the page. */
    .scroll { overflow-x: auto; }
  `];

  private readonly entries = new Task(this, {
    task: async () => {
      const s = services();
      const version = await s.model().then((m) => m.data.model_version, () => null);
      return [...(await keptEntries(await s.store(), version)).values()];
    },
    args: () => [],
  });

  constructor() {
    super();
    new LocaleController(this);
  }

  /** Re-read the store (after a copy was refreshed). */
  reload(): Promise<unknown> {
    return this.entries.run();
  }

  private table(entries: readonly KeptEntry[]) {
    const t = offlineText();
    const locale = getLocale();
    if (entries.length === 0) return html`<p class="empty">${t.empty}</p>`;
    return html`<p class="count" role="status">${countText(t.count, entries.length)}</p>
      <div class="scroll"><table><thead><tr><th scope="col">${t.columns.id}</th><th scope="col">${t.columns.decision}</th><th scope="col" class="num">${t.columns.probability}</th>
        <th scope="col">${t.columns.kept}</th><th scope="col">${t.columns.fetchedAt}</th></tr></thead>
      <tbody>${entries.map((e) => html`<tr data-id=${e.id}>
        <th scope="row"><a href="#/clients/${e.id}" aria-label=${t.open.replace('{id}', String(e.id))}>${e.id}</a></th>
        <td><span class="badge ${e.decision}"><span aria-hidden="true">${e.decision === 'refused' ? '✕' : '✓'}</span>${decisionLabel(e.decision, locale)}</span></td>
        <td class="num">${formatPercent(e.probability, locale)}</td>
        <td>${keptMark(e)}</td>
        <td>${formatDateTime(e.fetchedAt, locale)}</td></tr>`)}</tbody></table></div>`;
  }

  override render() {
    const t = offlineText();
    return html`<section class="card" aria-labelledby="h-offline-list">
      <h2 id="h-offline-list">${t.listHeading}</h2>
      <p class="muted">${t.listIntro}</p>
      ${this.entries.render({
        pending: () => html`<p class="muted" role="status">${msg().app.loading}</p>`,
        error: (e) => html`<p class="notice warning" role="alert">${(e as Error).message}</p>`,
        complete: (entries) => this.table(entries),
      })}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'offline-client-list': OfflineClientList;
  }
}
