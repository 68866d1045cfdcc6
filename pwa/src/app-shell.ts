/**
 * The app frame: skip link, header (name, connection, last sync, model version, language),
 * navigation, offline banner, the routed page (loaded on demand) and the footer.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { announce } from './announce.js';
import { appStyles } from './app-shell.styles.js';
import './components/outbox-status.js';
import { formatDateTime } from './i18n/format.js';
import { fill, getLocale, msg, setLocale } from './i18n/i18n.js';
import { LocaleController } from './i18n/locale-controller.js';
import { reviewText } from './i18n/review-text.js';
import { pageOf } from './page-registry.js';
import { navSection, parseRoute, type Route } from './router.js';
import { services } from './services.js';
import type { ConnectivitySnapshot } from './state/connectivity.js';

let stylesAdopted = false;
function adoptDocumentStyles(): void {
  if (stylesAdopted) return;
  stylesAdopted = true;
  const sheets = appStyles.map((s) => s.styleSheet).filter((s): s is CSSStyleSheet => s !== undefined);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, ...sheets];
}

@customElement('app-shell')
export class AppShell extends LitElement {
  /**
   * Light DOM: the skip link, the landmarks and the skip target live in the document itself,
   * where every tool (and axe's skip-link check) can resolve `#main`.
   */
  protected override createRenderRoot(): HTMLElement {
    adoptDocumentStyles();
    return this;
  }

  @state() private route: Route = parseRoute(location.hash);
  @state() private loaded = new Set<string>();
  @state() private connection: ConnectivitySnapshot = services().connectivity.snapshot;
  @state() private modelVersion: string | null = null;
  @state() private configError: string | null = null;
  @state() private sessionStatus = services().session.status;
  @query('main') private main!: HTMLElement;
  private firstRoute = true;

  constructor() {
    super();
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('hashchange', this._onHashChange);
    services().connectivity.addEventListener('change', this._onConnectivity);
    services().session.addEventListener('change', this._onSession);
    void this.loadPage(this.route);
    if (this.mayRead) {
      services().model().then(
        (m) => (this.modelVersion = m.data.model_version),
        () => undefined,
      );
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this._onHashChange);
    services().connectivity.removeEventListener('change', this._onConnectivity);
    services().session.removeEventListener('change', this._onSession);
  }

  private _onSession = (): void => {
    this.sessionStatus = services().session.status;
    if (this.mayRead && !this.modelVersion) services().model().then((r) => (this.modelVersion = r.data.model_version), () => undefined);
  };

  /** Client pages render only for a signed-in advisor, or offline within the allowance. */
  private get mayRead(): boolean {
    return this.sessionStatus === 'signed-in' || this.sessionStatus === 'offline';
  }

  private async _onSignIn(): Promise<void> {
    try {
      await services().session.signIn(location.hash);
    } catch {
      services().session.error = msg().app.signInUnavailable;
      this.requestUpdate();
    }
  }

  private async _onSignOut(): Promise<void> {
    // Unsent reviews are never discarded: the outbox survives sign-out (auth/purge.ts spares it); the advisor is told.
    await services().reviews.refresh();
    const pending = services().reviews.pending;
    if (pending > 0 && !confirm(reviewText().signOutWarning.replace('{n}', String(pending)))) return;
    await services().session.signOut();
    announce(msg().app.signedOut);
  }

  private renderSignIn() {
    const m = msg().app;
    const session = services().session;
    const locked = this.sessionStatus === 'locked';
    return html`<section class="card sign-in">
      <h1 tabindex="-1">${locked ? m.lockedTitle : m.signInTitle}</h1>
      <p>${locked ? fill(m.lockedBody, { hours: String(session.offlineHours) }) : m.signInBody}</p>
      ${session.error ? html`<p class="error" role="alert">${session.error.startsWith(m.signInUnavailable) ? session.error : fill(m.signInError, { detail: session.error })}</p>` : nothing}
      <button type="button" class="sign-in-button" @click=${this._onSignIn}>${m.signIn}</button>
    </section>`;
  }

  private renderUser() {
    const m = msg().app;
    const session = services().session;
    if (!this.mayRead || session.userName === null) return nothing;
    return html`<span class="user">${fill(this.sessionStatus === 'offline' ? m.offlineAs : m.signedInAs, { name: session.userName })}</span>
      <button class="sign-out" type="button" @click=${this._onSignOut}>${m.signOut}</button>`;
  }

  /** Shown once at start when config.json could not be read. */
  setConfigError(message: string | null): void {
    this.configError = message;
  }

  private _onHashChange = (): void => {
    this.route = parseRoute(location.hash);
    void this.loadPage(this.route);
  };

  private _onConnectivity = (): void => {
    const before = this.connection.status;
    this.connection = services().connectivity.snapshot;
    if (before !== this.connection.status) {
      const m = msg().app;
      announce(this.connection.status === 'offline' ? m.offlineBanner : this.connection.status === 'api-down' ? m.apiDownBanner : m.online);
      if (this.connection.status === 'online' && !this.modelVersion) {
        services().model().then((r) => (this.modelVersion = r.data.model_version), () => undefined);
      }
    }
  };

  private async loadPage(route: Route): Promise<void> {
    const entry = pageOf(route);
    if (entry && !this.loaded.has(route.name)) {
      await entry.load();
      this.loaded = new Set([...this.loaded, route.name]);
    }
    document.title = `${this.pageTitle(route)} — ${msg().app.name}`;
    await this.updateComplete;
    if (this.firstRoute) {
      this.firstRoute = false;
      return;
    }
    // After in-app navigation, move focus to the new page's heading so keyboard and
    // screen-reader users start reading the page, not the link they left.
    // The page is main's child that is neither a banner nor the outbox line.
    const page = this.main.querySelector<LitElement>(':scope > :not(.banner, outbox-status)');
    await page?.updateComplete;
    const heading = page?.shadowRoot?.querySelector<HTMLElement>('h1') ?? this.querySelector<HTMLElement>('main h1');
    heading?.focus();
  }

  private pageTitle(route: Route): string {
    return pageOf(route)?.title() ?? msg().app.notFoundTitle;
  }

  private _onSkip(event: Event): void {
    event.preventDefault();
    this.main.focus();
  }

  private _onToggleLocale(): void {
    void setLocale(getLocale() === 'fr' ? 'en' : 'fr').then(
      () => (document.title = `${this.pageTitle(this.route)} — ${msg().app.name}`),
      () => announce(msg().app.langUnavailable),
    );
  }

  private renderPage() {
    const r = this.route;
    const page = pageOf(r);
    if (page) return this.loaded.has(r.name) ? page.view() : html`<p class="muted">${msg().app.loading}</p>`;
    return html`<section class="card">
      <h1 tabindex="-1">${msg().app.notFoundTitle}</h1>
      <p>${msg().app.notFoundBody}</p>
      <a href="#/clients">${msg().app.backHome}</a>
    </section>`;
  }

  private renderStatus() {
    const m = msg().app;
    const { status, lastSync } = this.connection;
    const label = status === 'online' ? m.online : status === 'offline' ? m.offline : m.apiDown;
    // The state shows as a symbol and a word, not only as a colour.
    const symbol = status === 'online' ? '●' : status === 'offline' ? '○' : '◐';
    return html`
      <span class="pill ${status}" data-status=${status}><span aria-hidden="true">${symbol}</span> ${label}</span>
      <span class="sync">${lastSync ? fill(m.lastSync, { date: formatDateTime(lastSync, getLocale()) }) : m.neverSynced}</span>
      <span class="version">${this.modelVersion ? fill(m.modelVersion, { version: this.modelVersion }) : m.modelUnknown}</span>
    `;
  }

  override render() {
    const m = msg().app;
    const section = navSection(this.route);
    const other = getLocale() === 'fr' ? 'en' : 'fr';
    const navItem = (key: 'clients' | 'model' | 'reviewed' | 'new-application', href: string) =>
      html`<li><a href=${href} aria-current=${section === key ? 'page' : nothing}>${key === 'new-application' ? msg().application.nav : m.nav[key]}</a></li>`;
    return html`
      <a class="skip-link" href="#main" @click=${this._onSkip}>${m.skip}</a>
      <header>
        <div class="brand">
          <svg class="logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false"><rect width="32" height="32" rx="7" fill="#0b3d5c"/><path d="M7 21a9 9 0 0 1 18 0" fill="none" stroke="#fff" stroke-width="3.2" stroke-linecap="round"/><path d="M16 21l5-7" stroke="#E69F00" stroke-width="3" stroke-linecap="round"/></svg>
          <span class="name">${m.name}</span>
        </div>
        <div class="status">${this.renderStatus()}</div>
        <div class="session">${this.renderUser()}</div>
        <button class="lang" type="button" lang=${other} aria-label=${m.langToggleLabel} @click=${this._onToggleLocale}>${m.langToggle}</button>
      </header>
      <nav aria-label=${m.navLabel}>
        <ul>
          ${navItem('clients', '#/clients')} ${navItem('new-application', '#/applications/new')} ${navItem('model', '#/model')} ${navItem('reviewed', '#/reviewed')}
        </ul>
      </nav>
      <main id="main" tabindex="-1">
        ${this.connection.status === 'offline' ? html`<div class="banner offline" role="note">${m.offlineBanner}</div>` : nothing}
        ${this.connection.status === 'api-down' ? html`<div class="banner api-down" role="note">${m.apiDownBanner}</div>` : nothing}
        ${this.configError ? html`<div class="banner api-down" role="note">${fill(m.configError, { detail: this.configError })}</div>` : nothing}
        ${this.mayRead ? html`<outbox-status></outbox-status>` : nothing}
        ${this.mayRead ? this.renderPage() : this.renderSignIn()}
      </main>
      <footer><p>${m.footer}</p></footer>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'app-shell': AppShell;
  }
}
