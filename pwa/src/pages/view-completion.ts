/**
 * Marks a client view as complete once its charts have drawn: sets the `view-complete`
 * attribute and a performance mark, so tests and the benchmark can wait for the full view.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export const defaults = { markName: 'client-view-complete' };

export class ViewCompletion implements ReactiveController {
  private drawn = new Set<string>();
  private withComparison = true;
  private done = false;
  private id = 0;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('chart-drawn', this.onDrawn);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('chart-drawn', this.onDrawn);
  }

  reset(id: number): void {
    this.id = id;
    this.drawn.clear();
    this.done = false;
    this.host.removeAttribute('view-complete');
  }

  /** Offline without cached population data, the view is complete without the comparison charts. */
  expectComparison(expect: boolean): void {
    this.withComparison = expect;
    this.check();
  }

  private onDrawn = (event: Event): void => {
    const kind = (event as CustomEvent<{ kind: string }>).detail?.kind;
    if (kind) this.drawn.add(kind);
    this.check();
  };

  private check(): void {
    if (this.done) return;
    const needed = this.withComparison ? ['gauge', 'waterfall', 'distribution', 'scatter'] : ['gauge', 'waterfall'];
    if (!needed.every((k) => this.drawn.has(k))) return;
    this.done = true;
    this.host.setAttribute('view-complete', String(this.id));
    performance.mark(defaults.markName, { detail: { id: this.id } });
  }
}
