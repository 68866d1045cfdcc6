/** A client's reviews from the API (every advisor's, newest first); this browser's unsent ones are listed by the queue. */
import { Task } from '@lit/task';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { StoredReview } from '../api/review-types.js';
import { formatDateTime } from '../i18n/format.js';
import { getLocale } from '../i18n/i18n.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { reviewText } from '../i18n/review-text.js';
import { services } from '../services.js';
import { tokens } from '../styles/shared.js';

export function outcomeText(r: Pick<StoredReview, 'outcome' | 'seen'>): string {
  const t = reviewText();
  const decision = r.seen.decision === 'refused' ? (getLocale() === 'fr' ? 'refus' : 'refuse') : (getLocale() === 'fr' ? 'accord' : 'grant');
  return t.outcomes[r.outcome].replace('{decision}', decision);
}

@customElement('review-history')
export class ReviewHistory extends LitElement {
  static override styles = [tokens, css`:host { display: block; margin-top: 1rem; } h3 { font-size: 1rem; }`];

  @property({ type: Number }) clientId = 0;

  private readonly history = new Task(this, {
    task: async ([id]: readonly [number]) => (await services().api.clientReviews(id)).data.items,
    args: () => [this.clientId] as const,
  });

  constructor() {
    super();
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A review just sent shows up here.
    services().reviews.addEventListener('change', this.reload);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    services().reviews.removeEventListener('change', this.reload);
  }

  private readonly reload = (): void => void this.history.run();

  override render() {
    const t = reviewText();
    const locale = getLocale();
    return html`<h3>${t.history}</h3>${this.history.render({
      pending: () => html`<p class="muted">…</p>`,
      error: () => html`<p class="muted">${t.historyOffline}</p>`,
      complete: (items) => items.length === 0 ? html`<p class="muted">${t.historyEmpty}</p>` : html`<ul class="history">${items.map((r) => html`<li>
        <strong>${outcomeText(r)}</strong> — ${r.advisor}, ${formatDateTime(r.reviewed_at, locale)}${r.justification ? html` — ${r.justification}` : ''}${r.note ? html` <span class="muted">(${r.note})</span>` : ''}
      </li>`)}</ul>`,
    })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'review-history': ReviewHistory;
  }
}
