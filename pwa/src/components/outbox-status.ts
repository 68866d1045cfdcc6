/** "3 revues en attente d'envoi" (and refused ones) until the API acknowledged them; links to the queue. */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { countText, reviewText } from '../i18n/review-text.js';
import { services } from '../services.js';

@customElement('outbox-status')
export class OutboxStatus extends LitElement {
  static override styles = css`
    :host { display: block; }
    p { margin: 0.25rem 0; padding: 0.25rem 0.5rem; border-radius: 4px; background: #fff4ce; color: #3b2e00; }
    p.rejected { background: #fde7e9; color: #5c0f14; }
    a { color: inherit; }
  `;

  @state() private pending = 0;
  @state() private rejected = 0;

  constructor() {
    super();
    new LocaleController(this);
  }

  private readonly onChange = (): void => {
    const r = services().reviews;
    this.pending = r.pending;
    this.rejected = r.rejected.length;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    services().reviews.addEventListener('change', this.onChange);
    void services().reviews.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    services().reviews.removeEventListener('change', this.onChange);
  }

  override render() {
    const t = reviewText();
    return html`
      ${this.pending > 0 ? html`<p class="pending" role="status"><a href="#/reviewed">${countText(t.pending, this.pending)}</a></p>` : nothing}
      ${this.rejected > 0 ? html`<p class="rejected" role="status"><a href="#/reviewed">${countText(t.rejected, this.rejected)}</a></p>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'outbox-status': OutboxStatus;
  }
}
