/** Register the service worker at the app's base path (works under a sub-path such as GitHub Pages). */
export async function registerServiceWorker(base: string): Promise<ServiceWorkerRegistration | null> {
  if (!('serviceWorker' in navigator)) return null;
  try {
    return await navigator.serviceWorker.register(`${base}sw.js`, { scope: base });
  } catch (error) {
    // The dashboard still works online without it; offline review will not.
    console.warn('Service worker registration failed', error);
    return null;
  }
}
