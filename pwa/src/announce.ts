/** The app's single polite live region (in index.html, outside every shadow root). */
export const defaults = { regionId: 'live-region', clearDelayMs: 30 };

let timer: ReturnType<typeof setTimeout> | undefined;

export function announce(message: string, doc: Document = document): void {
  const region = doc.getElementById(defaults.regionId);
  if (!region) return;
  // Clearing first makes screen readers repeat a message identical to the previous one.
  region.textContent = '';
  clearTimeout(timer);
  timer = setTimeout(() => {
    region.textContent = message;
  }, defaults.clearDelayMs);
}

/** Forward chart announcements (composed events from any shadow root) to the live region. */
export function listenForChartAnnouncements(doc: Document = document): void {
  doc.addEventListener('chart-announce', (event) => announce((event as CustomEvent<string>).detail, doc));
}
