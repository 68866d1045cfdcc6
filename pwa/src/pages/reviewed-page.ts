/**
 * The advisor's review queue: reviews waiting to be sent and refused ones (the outbox), reviewed
 * today and overrides (the API; a supervisor's token sees everyone's), and the clients kept on
 * this workstation (IndexedDB), openable offline.
 */
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { announce } from '../announce.js';
import { decisionLabel } from '../charts/decision.js';
import { formatDateTime, formatPercent } from '../i18n/format.js';
import { fill, getLocale, msg } from '../i18n/i18n.js';
import { LocaleController } from '../i18n/locale-controller.js';
import type { StoredReview } from '../api/review-types.js';
import '../components/review-edit.js';
import { outcomeText } from '../components/review-history.js';
import { countText, reviewText } from '../i18n/review-text.js';
import type { OutboxItem } from '../offline/outbox.js';
import { services } from '../services.js';
import { tokens } from '../styles/shared.js';

@customElement('reviewed-page')
export class ReviewedPage extends LitElement {
  static override styles = [tokens, css`
    :host { display: block; }
    .actions { display: flex; gap: 0.5rem; flex-wrap: wrap; }
    caption { text-align: left; font-weight: 700; padding: 0.25rem 0 0.5rem; }
    section.card { margin-bottom: 1rem; }
    section.rejected { border-left: 4px solid #a4262c; }
    /* On a phone a table scrolls inside its card, not the page. */
    .scroll { overflow-x: auto; }
  `];

  /** The refused review being corrected (its outbox id), if any. */
  @state() private editing: string | null = null;

  private readonly list = new Task(this, {
    task: async () => (await services().store()).list(),
    args: () => [],
  });

  private readonly outbox = new Task(this, {
    task: async () => (await services().outbox()).list(),
    args: () => [],
  });

  private readonly sent = new Task(this, {
    task: async () => {
      const api = services().api;
      const midnight = new Date();
      midnight.setHours(0, 0, 0, 0);
      const [today, overrides] = await Promise.all([api.reviews({ from: midnight.toISOString() }), api.reviews({ overrides: true })]);
      return { today: today.data.items, overrides: overrides.data.items };
    },
    args: () => [],
  });

  private readonly onOutbox = (): void => {
    void this.outbox.run();
    void this.sent.run();
  };

  constructor() {
    super();
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    services().reviews.addEventListener('change', this.onOutbox);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    services().reviews.removeEventListener('change', this.onOutbox);
  }

  private async _onRetry(id: string): Promise<void> {
    await (await services().outbox()).retry(id);
    await services().reviews.sync();
  }

  private outboxTable(items: OutboxItem[]) {
    const t = reviewText();
    const locale = getLocale();
    const pending = items.filter((i) => i.state === 'pending');
    const rejected = items.filter((i) => i.state === 'rejected');
    const row = (i: OutboxItem, extra: unknown) => html`<tr><th scope="row"><a href="#/clients/${i.clientId}">${i.clientId}</a></th>
      <td>${outcomeText(i.body)}</td><td>${formatDateTime(i.body.reviewed_at, locale)}</td>${extra}</tr>`;
    return html`
      <section class="card pending" aria-labelledby="h-pending">
        <h2 id="h-pending">${t.pendingHeading} (${pending.length})</h2>
        ${pending.length === 0 ? html`<p>${t.none}</p>` : html`<p role="status">${countText(t.pending, pending.length)}</p>
          <button type="button" @click=${() => services().reviews.sync()}>${t.sendNow}</button>
          <div class="scroll"><table><thead><tr><th scope="col">${t.columns.client}</th><th scope="col">${t.columns.outcome}</th><th scope="col">${t.columns.when}</th></tr></thead>
          <tbody>${pending.map((i) => row(i, nothing))}</tbody></table></div>`}
      </section>
      ${rejected.length === 0 ? nothing : html`<section class="card rejected" aria-labelledby="h-rejected">
        <h2 id="h-rejected">${t.rejectedHeading} (${rejected.length})</h2>
        <div class="scroll"><table><thead><tr><th scope="col">${t.columns.client}</th><th scope="col">${t.columns.outcome}</th><th scope="col">${t.columns.when}</th><th scope="col">${t.columns.reason}</th><th scope="col"></th></tr></thead>
        <tbody>${rejected.map((i) => row(i, html`<td>${i.problem}</td><td><div class="actions">
          <button type="button" class="edit" aria-expanded=${this.editing === i.id ? 'true' : 'false'} @click=${() => (this.editing = this.editing === i.id ? null : i.id)}>${t.edit}</button>
          <button type="button" class="retry" @click=${() => this._onRetry(i.id)}>${t.retry}</button></div></td>`))}</tbody></table></div>
        ${rejected.filter((i) => i.id === this.editing).map((i) => html`<review-edit .item=${i}
          @review-resent=${() => (this.editing = null)} @review-edit-cancel=${() => (this.editing = null)}></review-edit>`)}
      </section>`}`;
  }

  private sentTable(heading: string, cls: string, items: StoredReview[]) {
    const t = reviewText();
    const locale = getLocale();
    return html`<section class="card ${cls}"><h2>${heading} (${items.length})</h2>
      ${items.length === 0 ? html`<p>${t.none}</p>` : html`<div class="scroll"><table><thead><tr><th scope="col">${t.columns.client}</th><th scope="col">${t.columns.outcome}</th>
        <th scope="col">${t.columns.advisor}</th><th scope="col">${t.columns.when}</th><th scope="col">${t.columns.justification}</th></tr></thead>
        <tbody>${items.map((r) => html`<tr><th scope="row"><a href="#/clients/${r.client_id}">${r.client_id}</a></th><td>${outcomeText(r)}</td>
          <td>${r.advisor}</td><td>${formatDateTime(r.reviewed_at, locale)}</td><td>${r.justification ?? ''}</td></tr>`)}</tbody></table></div>`}
    </section>`;
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
      ${this.outbox.render({ complete: (items) => this.outboxTable(items) })}
      ${this.sent.render({
        pending: () => nothing,
        error: () => html`<p class="muted">${reviewText().needsNetwork}</p>`,
        complete: (r) => html`${this.sentTable(reviewText().todayHeading, 'today', r.today)}${this.sentTable(
          r.overrides.some((o) => o.advisor !== services().session.userName) ? reviewText().allOverridesHeading : reviewText().overridesHeading, 'overrides', r.overrides)}`,
      })}
      <p class="muted">${m.intro}</p>
      ${this.list.render({
        pending: () => html`<p class="muted" role="status">${msg().app.loading}</p>`,
        error: (e) => html`<p class="notice warning" role="alert">${(e as Error).message}</p>`,
        complete: (items) => items.length === 0
          ? html`<p class="card">${m.empty}</p>`
          : html`<div class="card scroll"><table>
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
