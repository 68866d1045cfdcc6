/** A tiny application schema in the contract's shape (GET /v1/applications/schema), for unit tests. */
import type { ApplicationSchema } from '../api/application-types.js';

export const schemaFixture: ApplicationSchema = {
  tables: {
    application: {
      columns: [
        { name: 'NAME_CONTRACT_TYPE', type: 'category', unit: null, label: 'Contract type', label_fr: 'Type de contrat', allowed: ['Cash loans', 'Revolving loans'], allowed_fr: ['Prêt personnel', 'Crédit renouvelable'], required: false, example: 'Cash loans' },
        { name: 'AMT_CREDIT', type: 'number', unit: 'currency', label: 'Credit amount', label_fr: 'Montant du crédit', min: 0, required: true, example: 406597.5 },
        { name: 'AMT_ANNUITY', type: 'number', unit: 'currency', label: 'Annuity', label_fr: 'Annuité', min: 0, required: false, example: 24700.5 },
        { name: 'AMT_GOODS_PRICE', type: 'number', unit: 'currency', label: 'Goods price', label_fr: 'Prix du bien', min: 0, required: false, example: 351000 },
        { name: 'AMT_INCOME_TOTAL', type: 'number', unit: 'currency', label: 'Income', label_fr: 'Revenu annuel', min: 0, required: true, example: 202500 },
        { name: 'DAYS_BIRTH', type: 'days', unit: 'days', label: 'Birth date (days before the application)', label_fr: 'Date de naissance (jours avant la demande)', min: -36525, max: -6575, required: true, example: -9461 },
        { name: 'DAYS_EMPLOYED', type: 'days', unit: 'days', label: 'Start of current employment (days before; 365243 = not employed)', label_fr: 'Début de l’emploi actuel (jours avant ; 365243 = sans emploi)', min: -36525, max: 365243, required: true, example: -637 },
        { name: 'CNT_CHILDREN', type: 'integer', unit: 'count', label: 'Children', label_fr: 'Enfants', min: 0, required: false, example: 0 },
        { name: 'FLAG_OWN_CAR', type: 'flag', unit: null, label: 'Owns a car', label_fr: 'Voiture', allowed: ['Y', 'N'], allowed_fr: ['Oui', 'Non'], required: false, example: 'N' },
        { name: 'FLAG_MOBIL', type: 'flag', unit: null, label: 'Mobile phone', label_fr: 'Téléphone mobile', min: 0, max: 1, required: false, example: 1 },
        { name: 'EXT_SOURCE_2', type: 'number', unit: null, label: 'External score 2', label_fr: 'Score externe 2', min: 0, max: 1, required: false, example: 0.26 },
        { name: 'HOUR_APPR_PROCESS_START', type: 'integer', unit: null, label: 'Hour', label_fr: 'Heure', min: 0, max: 23, required: false, example: 10 },
      ],
    },
    bureau: {
      columns: [
        { name: 'CREDIT_ACTIVE', type: 'category', unit: null, label: 'Status', label_fr: 'Statut', allowed: ['Active', 'Closed'], required: false },
        { name: 'DAYS_CREDIT', type: 'days', unit: 'days', label: 'Credit granted (days before)', label_fr: 'Crédit accordé (jours avant)', min: -36525, max: 0, required: false },
        { name: 'DAYS_CREDIT_ENDDATE', type: 'days', unit: 'days', label: 'Credit end (days from the application)', label_fr: 'Fin du crédit (jours depuis la demande)', required: false },
        { name: 'AMT_CREDIT_SUM', type: 'number', unit: 'currency', label: 'Amount', label_fr: 'Montant', required: false },
      ],
    },
    previous_application: {
      columns: [{ name: 'AMT_APPLICATION', type: 'number', unit: 'currency', label: 'Asked', label_fr: 'Demandé', required: false }],
    },
  },
  required: ['AMT_CREDIT', 'AMT_INCOME_TOTAL', 'DAYS_BIRTH', 'DAYS_EMPLOYED'],
  editable: ['AMT_CREDIT', 'AMT_ANNUITY', 'AMT_GOODS_PRICE', 'AMT_INCOME_TOTAL', 'CNT_CHILDREN', 'DAYS_EMPLOYED'],
};
