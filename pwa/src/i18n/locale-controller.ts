import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { onLocaleChange } from './i18n.js';

/** Re-renders its host when the interface language changes. */
export class LocaleController implements ReactiveController {
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = onLocaleChange(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
  }
}
