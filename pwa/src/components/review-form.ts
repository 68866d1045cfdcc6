/**
 * The advisor's review of one client: outcome, justification (required to
 * override), note. Saving puts the review in the outbox (sent when the network
 * allows, see offline/review-sync.ts) and keeps the client's copy for offline
 * use, so it works the same with or without a network.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { announce } from '../announce.js';
import { decisionLabel } from '../charts/decision.js';
import { getLocale } from '../i18n/i18n.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { reviewText } from '../i18n/review-text.js';
import type { ClientBundle } from '../offline/client-loader.js';
import { isOverride, type Outcome, type ReviewBody } from '../offline/outbox.js';
import { services } from '../services.js';
import { tokens } from '../styles/shared.js';

export const reviewFormDefaults = { reasons: 5 } as const;

const OUTCOMES: Outcome[] = ['agree', 'override_grant', 'override_refuse', 'documents_requested'];

/** A v4 UUID (crypto.randomUUID where the context allows it). */
export function newReviewId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The review as the API takes it, with what the advisor was shown. */
export function reviewBody(bundle: Pick<ClientBundle, 'score' | 'explanation'>, outcome: Outcome, justification: string, note: string, now = new Date()): ReviewBody {
  return {
    id: newReviewId(), outcome, justification: justification.trim() === '' ? null : justification.trim(), note: note.trim() === '' ? null : note.trim(),
    reviewed_at: now.toISOString(),
    seen: {
      probability: bundle.score.probability, decision: bundle.score.decision, model_version: bundle.score.model_version,
      reasons: bundle.explanation.top.slice(0, reviewFormDefaults.reasons).map((t) => t.feature),
    },
  };
}

@customElement('review-form')
export class ReviewForm extends LitElement {
  static override styles = [tokens, css`
    :host { display: block; }
    fieldset { border: 0; padding: 0; margin: 0 0 0.75rem; }
    legend { font-weight: 700; margin-bottom: 0.25rem; }
    label.choice { display: block; padding: 0.2rem 0; font-weight: 400; }
    /* The shared input box (padding, min-height) is for text fields, not radios. */
    input[type='radio'] { min-height: 0; padding: 0; margin: 0 0.4rem 0 0; vertical-align: middle; }
    label.field { display: block; font-weight: 600; margin-top: 0.5rem; }
    textarea { width: 100%; box-sizing: border-box; min-height: 4rem; font: inherit; }
    .error { color: var(--danger, #a4262c); }
  `];

  @property({ attribute: false }) bundle: ClientBundle | null = null;
  @state() private outcome: Outcome = 'agree';
  @state() private error: string | null = null;
  @state() private saving = false;

  constructor() {
    super();
    new LocaleController(this);
  }

  private async _onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const b = this.bundle;
    if (!b || this.saving) return;
    const t = reviewText();
    const form = event.target as HTMLFormElement;
    const justification = (form.elements.namedItem('justification') as HTMLTextAreaElement).value;
    const note = (form.elements.namedItem('note') as HTMLTextAreaElement).value;
    if (isOverride(this.outcome) && justification.trim() === '') {
      this.error = t.justificationMissing;
      (form.elements.namedItem('justification') as HTMLTextAreaElement).focus();
      return;
    }
    this.error = null;
    this.saving = true;
    try {
      const s = services();
      const body = reviewBody(b, this.outcome, justification, note);
      await (await s.outbox()).add(b.client.id, body);
      // The reviewed client stays openable offline (the review is the only mark of a reviewed client).
      await (await s.store()).put({ id: b.client.id, client: b.client, score: b.score, explanation: b.explanation, fetchedAt: b.fetchedAt, reviewedAt: body.reviewed_at });
      await s.reviews.refresh();
      announce(t.queued.replace('{id}', String(b.client.id)));
      form.reset();
      this.outcome = 'agree';
      const report = await s.reviews.sync();
      if (report && report.stoppedBy === null && report.sent > 0) announce(t.sent.replace('{id}', String(b.client.id)));
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.saving = false;
    }
  }

  override render() {
    const b = this.bundle;
    if (!b) return nothing;
    const t = reviewText();
    const locale = getLocale();
    const override = isOverride(this.outcome);
    return html`<form @submit=${this._onSubmit} novalidate>
      <p class="muted">${t.intro}</p>
      <fieldset>
        <legend>${t.outcomeLegend}</legend>
        ${OUTCOMES.map((o) => html`<label class="choice"><input type="radio" name="outcome" value=${o} .checked=${this.outcome === o}
          @change=${() => (this.outcome = o)}> ${t.outcomes[o].replace('{decision}', decisionLabel(b.score.decision, locale))}</label>`)}
      </fieldset>
      <label class="field" for="justification">${t.justification}</label>
      <textarea id="justification" name="justification" maxlength="2000" aria-required=${override ? 'true' : 'false'}
        aria-invalid=${this.error !== null && override ? 'true' : 'false'} aria-describedby="review-error"></textarea>
      <label class="field" for="note">${t.note}</label>
      <textarea id="note" name="note" maxlength="4000"></textarea>
      <p id="review-error" class="error" role="alert">${this.error ?? nothing}</p>
      <button type="submit" class="primary" ?disabled=${this.saving}>${t.submit}</button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'review-form': ReviewForm;
  }
}
