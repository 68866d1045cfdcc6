/** Texts of the clients kept on this workstation (offline list, marks, stale copies), in both languages. */
import { getLocale } from './i18n.js';

const fr = {
  prepared: 'Préparé hors ligne',
  reviewed: 'Revu, disponible hors ligne',
  stale: 'copie préparée avec le modèle {version}',
  staleLong: 'Copie préparée avec le modèle {version} ; le modèle actuel est {current}. Elle sera mise à jour à la prochaine synchronisation.',
  listHeading: 'Clients disponibles hors ligne',
  listIntro: 'Hors ligne, seuls les clients préparés ou revus sur ce poste peuvent être ouverts.',
  count: { one: '1 client disponible hors ligne', other: '{n} clients disponibles hors ligne' },
  empty: 'Aucun client n’est disponible hors ligne sur ce poste. En ligne, « Préparer pour hors ligne » garde les clients de la liste filtrée.',
  open: 'Ouvrir le client {id}',
  columns: { id: 'Client', decision: 'Décision', probability: 'Probabilité de défaut', kept: 'Sur ce poste', fetchedAt: 'Copie du' },
};

type Texts = typeof fr;

const en: Texts = {
  prepared: 'Prepared for offline',
  reviewed: 'Reviewed, available offline',
  stale: 'copy made with model {version}',
  staleLong: 'Copy made with model {version}; the current model is {current}. It will be refreshed at the next synchronisation.',
  listHeading: 'Clients available offline',
  listIntro: 'Offline, only the clients prepared or reviewed on this workstation can be opened.',
  count: { one: '1 client available offline', other: '{n} clients available offline' },
  empty: 'No client is available offline on this workstation. Online, “Prepare for offline” keeps the clients of the filtered list.',
  open: 'Open client {id}',
  columns: { id: 'Client', decision: 'Decision', probability: 'Probability of default', kept: 'On this workstation', fetchedAt: 'Copy of' },
};

export function offlineText(): Texts {
  return getLocale() === 'fr' ? fr : en;
}
