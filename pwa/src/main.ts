/** Entry point: read the runtime config, create the services, mount the shell, register the service worker. */
import { listenForChartAnnouncements } from './announce.js';
import './app-shell.js';
import { hashAfterSignIn, Session } from './auth/session.js';
import { loadConfig } from './config.js';
import { loadCurrentLocale } from './i18n/i18n.js';
import { pageOf } from './page-registry.js';
import { parseRoute } from './router.js';
import { initServices } from './services.js';
import { registerServiceWorker } from './sw-register.js';
import { warmReferenceCache } from './warm-cache.js';

// English, when remembered, is fetched alongside the config (French is in this chunk).
const locale = loadCurrentLocale();
// The first page's chunk (and its imports) downloads while the config is read and the session starts,
// instead of after them: importing a page only defines its element. A failure shows when the shell loads it.
pageOf(parseRoute(hashAfterSignIn()))?.load().catch(() => undefined);
const { config, error } = await loadConfig(import.meta.env.BASE_URL);
// The dashboard's own address is the redirect URI registered at the provider.
const session = new Session(config, new URL(import.meta.env.BASE_URL, location.origin).href);
await session.start();
document.documentElement.lang = await locale;
const services = initServices(config.apiUrl, session);
listenForChartAnnouncements();
// Reviews written offline (even in a closed browser) go out now and whenever the network returns.
services.reviews.start();
// The shell is imported with this module (its element is defined), but it reads the services when it
// is constructed: create it only now.
const shell = document.createElement('app-shell');
document.body.appendChild(shell);
shell.setConfigError(error);
if (import.meta.env.PROD) {
  void registerServiceWorker(import.meta.env.BASE_URL);
  warmReferenceCache(services.api);
}
