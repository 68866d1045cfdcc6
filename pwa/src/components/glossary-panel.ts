/**
 * "Glossary" toggle: the plain meaning of the terms the charts use (probability points, log-odds,
 * |SHAP|, PSI, KS, FNR, FPR, AUC), one line each, for advisors.
 */
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { msg } from '../i18n/i18n.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { tokens } from '../styles/shared.js';

let counter = 0;

@customElement('glossary-panel')
export class GlossaryPanel extends LitElement {
  static override styles = [tokens, css`
    :host { display: block; margin: 0.5rem 0 1rem; }
    dl { margin: 0.5rem 0 0; display: grid; grid-template-columns: minmax(0, 16rem) minmax(0, 1fr); gap: 0.35rem 1rem; max-width: 60rem; }
    dt { font-weight: 700; }
    dd { margin: 0; }
    @media (max-width: 600px) { dl { grid-template-columns: minmax(0, 1fr); } dd { margin-bottom: 0.5rem; } }
    @media print { :host { display: none; } }
  `];

  @state() private open = false;
  private readonly regionId = `glossary-${(counter += 1)}`;

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    const g = msg().explore.glossary;
    return html`
      <button type="button" aria-expanded=${this.open ? 'true' : 'false'} aria-controls=${this.regionId} @click=${() => { this.open = !this.open; }}>
        ${this.open ? g.hide : g.toggle}
      </button>
      <div id=${this.regionId} ?hidden=${!this.open} role="region" aria-label=${g.title}>
        <dl>${g.items.map(([term, text]) => html`<dt>${term}</dt><dd>${text}</dd>`)}</dl>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'glossary-panel': GlossaryPanel;
  }
}
