/**
 * "Préparer pour hors ligne" for the client list shown (its filters, up to
 * 500 clients): a progress bar, the count, the storage used and the quota
 * left; asks the browser for persistent storage first.
 *
 * @fires offline-prepared - when a preparation ended (detail: its report).
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { announce } from '../announce.js';
import type { ClientQuery } from '../api/types.js';
import { getLocale } from '../i18n/i18n.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { idsOfList, prepareClients, prepareDefaults, storageFigures, type PrepareReport, type StorageFigures } from '../offline/prepare-offline.js';
import { services } from '../services.js';
import { tokens } from '../styles/shared.js';

const TEXT = {
  fr: { button: 'Préparer pour hors ligne', progress: '{done} / {total} clients préparés', done: '{n} clients prêts hors ligne ({failed} en échec), en {s} s. Stockage utilisé : {used} Mo, reste {left} Mo.', persisted: 'Stockage persistant accordé.', notPersisted: 'Le navigateur n’a pas accordé de stockage persistant : il peut effacer ces copies s’il manque de place.', max: 'Au plus {n} clients de la liste filtrée.' },
  en: { button: 'Prepare for offline', progress: '{done} / {total} clients prepared', done: '{n} clients ready offline ({failed} failed), in {s} s. Storage used: {used} MB, {left} MB left.', persisted: 'Persistent storage granted.', notPersisted: 'The browser did not grant persistent storage: it may delete these copies when short of space.', max: 'At most {n} clients of the filtered list.' },
};

const mb = (bytes: number | null): string => (bytes === null ? '?' : (bytes / 1_048_576).toFixed(1));

@customElement('prepare-offline')
export class PrepareOffline extends LitElement {
  static override styles = [tokens, css`:host { display: block; margin: 0.5rem 0; } progress { width: 20rem; max-width: 100%; }`];

  /** The list's query (filters and sort); limit and offset are set here. */
  @property({ attribute: false }) query: ClientQuery | null = null;
  @state() private done = 0;
  @state() private total = 0;
  @state() private running = false;
  @state() private report: (PrepareReport & StorageFigures) | null = null;

  constructor() {
    super();
    new LocaleController(this);
  }

  async prepare(): Promise<PrepareReport & StorageFigures> {
    const t = TEXT[getLocale()];
    const s = services();
    this.running = true;
    this.report = null;
    try {
      const persist = await storageFigures(true);
      const { limit: _l, offset: _o, ...filters } = this.query ?? { limit: 0, offset: 0 };
      const ids = await idsOfList(s.api, filters, prepareDefaults.maxClients);
      this.total = ids.length;
      this.done = 0;
      const result = await prepareClients(ids, { api: s.api, store: await s.store() }, (done) => (this.done = done));
      const figures = await storageFigures(false);
      this.report = { ...result, ...figures, persisted: persist.persisted };
      this.dispatchEvent(new CustomEvent('offline-prepared', { bubbles: true, composed: true, detail: this.report }));
      announce(this.summary(this.report, t));
      return this.report;
    } finally {
      this.running = false;
    }
  }

  private summary(r: PrepareReport & StorageFigures, t: (typeof TEXT)['fr']): string {
    const left = r.quota !== null && r.usage !== null ? r.quota - r.usage : null;
    return t.done.replace('{n}', String(r.prepared)).replace('{failed}', String(r.failed.length)).replace('{s}', (r.ms / 1000).toFixed(1))
      .replace('{used}', mb(r.usage)).replace('{left}', mb(left));
  }

  override render() {
    const t = TEXT[getLocale()];
    return html`
      <button type="button" class="prepare" ?disabled=${this.running} @click=${() => void this.prepare()}>${t.button}</button>
      <span class="muted">${t.max.replace('{n}', String(prepareDefaults.maxClients))}</span>
      ${this.running || this.report ? html`<p><progress max=${this.total || 1} value=${this.done} aria-label=${t.button}></progress>
        <span class="count">${t.progress.replace('{done}', String(this.done)).replace('{total}', String(this.total))}</span></p>` : nothing}
      ${this.report ? html`<p class="summary" role="status">${this.summary(this.report, t)} ${this.report.persisted ? t.persisted : t.notPersisted}</p>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'prepare-offline': PrepareOffline;
  }
}
