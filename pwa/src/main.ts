/** Entry point: read the runtime config, create the services, mount the shell, register the service worker. */
import { listenForChartAnnouncements } from './announce.js';
import { Session } from './auth/session.js';
import { loadConfig } from './config.js';
import { getLocale } from './i18n/i18n.js';
import { initServices } from './services.js';
import { registerServiceWorker } from './sw-register.js';
import { warmReferenceCache } from './warm-cache.js';

document.documentElement.lang = getLocale();
const { config, error } = await loadConfig(import.meta.env.BASE_URL);
// The dashboard's own address is the redirect URI registered at the provider.
const session = new Session(config, new URL(import.meta.env.BASE_URL, location.origin).href);
await session.start();
const services = initServices(config.apiUrl, session);
listenForChartAnnouncements();
// Reviews written offline (even in a closed browser) go out now and whenever the network returns.
services.reviews.start();
// The shell reads the services when it is constructed: import it only now.
await import('./app-shell.js');
const shell = document.createElement('app-shell');
document.body.appendChild(shell);
shell.setConfigError(error);
if (import.meta.env.PROD) {
  void registerServiceWorker(import.meta.env.BASE_URL);
  warmReferenceCache(services.api);
}
