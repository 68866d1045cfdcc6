/**
 * Correcting a review the server refused (400/409), on the review queue: the outcome, the
 * justification and the note, prefilled with what was refused; saving puts the corrected review
 * back in the outbox (a new id, see Outbox.resubmit) and sends it.
 *
 * @fires review-resent - when the corrected review is back in the outbox (detail: the new item).
 * @fires review-edit-cancel - when the advisor closes the form without saving.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { announce } from '../announce.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { reviewText } from '../i18n/review-text.js';
import { isOverride, type Outcome, type OutboxItem } from '../offline/outbox.js';
import { services } from '../services.js';
import { tokens } from '../styles/shared.js';
import { outcomeText } from './review-history.js';
import { newReviewId } from './review-form.js';

const OUTCOMES: Outcome[] = ['agree', 'override_grant', 'override_refuse', 'documents_requested'];

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

@customElement('review-edit')
export class ReviewEdit extends LitElement {
  static override styles = [tokens, css`
    :host { display: block; margin-top: 0.75rem; }
    fieldset { border: 0; padding: 0; margin: 0 0 0.5rem; }
    legend { font-weight: 700; }
    label.choice { display: block; padding: 0.2rem 0; font-weight: 400; }
    /* The shared input box (padding, min-height) is for text fields, not radios. */
    input[type='radio'] { min-height: 0; padding: 0; margin: 0 0.4rem 0 0; vertical-align: middle; }
    label.field { display: block; font-weight: 600; margin-top: 0.5rem; }
    textarea { width: 100%; box-sizing: border-box; min-height: 3.5rem; font: inherit; }
    .error { color: var(--danger, #a4262c); }
    .buttons { display: flex; gap: 0.5rem; margin-top: 0.5rem; }
  `];

  @property({ attribute: false }) item: OutboxItem | null = null;
  @state() private outcome: Outcome | null = null;
  @state() private error: string | null = null;
  @state() private saving = false;

  constructor() {
    super();
    new LocaleController(this);
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('item')) this.outcome = this.item?.body.outcome ?? null;
  }

  private async _onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const item = this.item;
    if (!item || !this.outcome || this.saving) return;
    const t = reviewText();
    const form = event.target as HTMLFormElement;
    const field = (name: string) => form.elements.namedItem(name) as HTMLTextAreaElement;
    const justification = orNull(field('justification').value);
    if (isOverride(this.outcome) && justification === null) {
      this.error = t.justificationMissing;
      field('justification').focus();
      return;
    }
    this.error = null;
    this.saving = true;
    try {
      const s = services();
      const resent = await (await s.outbox()).resubmit(item.id, { outcome: this.outcome, justification, note: orNull(field('note').value) }, newReviewId());
      await s.reviews.refresh();
      announce(t.queued.replace('{id}', String(item.clientId)));
      this.dispatchEvent(new CustomEvent('review-resent', { bubbles: true, composed: true, detail: resent }));
      await s.reviews.sync();
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.saving = false;
    }
  }

  override render() {
    const item = this.item;
    if (!item) return nothing;
    const t = reviewText();
    const override = this.outcome !== null && isOverride(this.outcome);
    return html`<form @submit=${this._onSubmit} novalidate aria-label=${t.editLabel.replace('{id}', String(item.clientId))}>
      <fieldset>
        <legend>${t.outcomeLegend}</legend>
        ${OUTCOMES.map((o) => html`<label class="choice"><input type="radio" name="outcome" value=${o} .checked=${this.outcome === o}
          @change=${() => (this.outcome = o)}> ${outcomeText({ outcome: o, seen: item.body.seen })}</label>`)}
      </fieldset>
      <label class="field" for="edit-justification">${t.justification}</label>
      <textarea id="edit-justification" name="justification" maxlength="2000" .value=${item.body.justification ?? ''}
        aria-required=${override ? 'true' : 'false'} aria-invalid=${this.error !== null && override ? 'true' : 'false'} aria-describedby="edit-error"></textarea>
      <label class="field" for="edit-note">${t.note}</label>
      <textarea id="edit-note" name="note" maxlength="4000" .value=${item.body.note ?? ''}></textarea>
      <p id="edit-error" class="error" role="alert">${this.error ?? nothing}</p>
      <div class="buttons">
        <button type="submit" class="primary" ?disabled=${this.saving}>${t.resendEdited}</button>
        <button type="button" @click=${() => this.dispatchEvent(new CustomEvent('review-edit-cancel', { bubbles: true, composed: true }))}>${t.cancel}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'review-edit': ReviewEdit;
  }
}
