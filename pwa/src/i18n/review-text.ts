/** Texts of the review form, the outbox status and the review queue, in both languages. */
import { getLocale } from './i18n.js';

const fr = {
  heading: 'Votre revue',
  intro: 'Votre décision sur la proposition du modèle est enregistrée avec votre nom, l’heure, la version du modèle, le score et les raisons affichés. Elle fonctionne hors ligne.',
  outcomeLegend: 'Décision',
  outcomes: {
    agree: 'D’accord avec la proposition ({decision})',
    override_grant: 'Passer outre : accorder',
    override_refuse: 'Passer outre : refuser',
    documents_requested: 'Demander des justificatifs',
  },
  justification: 'Justification (obligatoire pour passer outre)',
  justificationMissing: 'Une justification est obligatoire pour passer outre la proposition.',
  note: 'Note (facultative)',
  submit: 'Enregistrer la revue',
  queued: 'Revue du client {id} enregistrée, en attente d’envoi.',
  sent: 'Revue du client {id} envoyée.',
  pending: { one: '1 revue en attente d’envoi', other: '{n} revues en attente d’envoi' },
  rejected: { one: '1 revue refusée par le serveur', other: '{n} revues refusées par le serveur' },
  signOutWarning: '{n} revue(s) ne sont pas encore envoyées. Elles restent sur ce poste et partiront à votre prochaine connexion. Se déconnecter quand même ?',
  history: 'Historique des revues',
  historyEmpty: 'Aucune revue enregistrée pour ce client.',
  historyOffline: 'L’historique nécessite le réseau.',
  queueTitle: 'Revues',
  pendingHeading: 'En attente d’envoi',
  rejectedHeading: 'Refusées par le serveur',
  todayHeading: 'Revues d’aujourd’hui',
  overridesHeading: 'Décisions passées outre',
  allOverridesHeading: 'Décisions passées outre par tous les conseillers',
  none: 'Aucune.',
  retry: 'Renvoyer',
  edit: 'Modifier',
  editLabel: 'Corriger la revue refusée du client {id}',
  resendEdited: 'Renvoyer la revue corrigée',
  cancel: 'Annuler',
  sendNow: 'Envoyer maintenant',
  needsNetwork: 'Nécessite le réseau.',
  columns: { client: 'Client', outcome: 'Décision', advisor: 'Conseiller', when: 'Le', reason: 'Raison', justification: 'Justification' },
};

type Texts = typeof fr;

const en: Texts = {
  heading: 'Your review',
  intro: 'Your decision on the model’s proposal is recorded with your name, the time, the model version, the score and the reasons shown. It works offline.',
  outcomeLegend: 'Decision',
  outcomes: {
    agree: 'Agree with the proposal ({decision})',
    override_grant: 'Override: grant',
    override_refuse: 'Override: refuse',
    documents_requested: 'Request documents',
  },
  justification: 'Justification (required to override)',
  justificationMissing: 'A justification is required to override the proposal.',
  note: 'Note (optional)',
  submit: 'Save the review',
  queued: 'Review of client {id} saved, waiting to be sent.',
  sent: 'Review of client {id} sent.',
  pending: { one: '1 review waiting to be sent', other: '{n} reviews waiting to be sent' },
  rejected: { one: '1 review refused by the server', other: '{n} reviews refused by the server' },
  signOutWarning: '{n} review(s) are not sent yet. They stay on this workstation and will be sent at your next sign-in. Sign out anyway?',
  history: 'Review history',
  historyEmpty: 'No review recorded for this client.',
  historyOffline: 'The history needs the network.',
  queueTitle: 'Reviews',
  pendingHeading: 'Waiting to be sent',
  rejectedHeading: 'Refused by the server',
  todayHeading: 'Reviewed today',
  overridesHeading: 'Overrides',
  allOverridesHeading: 'Overrides by every advisor',
  none: 'None.',
  retry: 'Send again',
  edit: 'Edit',
  editLabel: 'Correct the refused review of client {id}',
  resendEdited: 'Send the corrected review',
  cancel: 'Cancel',
  sendNow: 'Send now',
  needsNetwork: 'Needs the network.',
  columns: { client: 'Client', outcome: 'Decision', advisor: 'Advisor', when: 'On', reason: 'Reason', justification: 'Justification' },
};

export function reviewText(): Texts {
  return getLocale() === 'fr' ? fr : en;
}

export function countText(forms: { one: string; other: string }, n: number): string {
  return (n === 1 ? forms.one : forms.other).replace('{n}', String(n));
}
