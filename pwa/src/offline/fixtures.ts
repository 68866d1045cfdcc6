/** Tiny typed fixtures of API bodies for the offline tests (built in code, no files). */
import type { ClientDetail, Explanation, Score } from '../api/types.js';

export function clientFixture(id: number): ClientDetail {
  return {
    id, dataset: 'train', gender: 'F', age_years: 41.2, income: 135000, credit_amount: 568800, annuity: 20560.5, goods_price: 450000,
    contract_type: 'Cash loans', family_status: 'Married', education: 'Higher education', income_type: 'Working', occupation: 'Managers',
    children: 1, employment_years: 6.5, own_car: 0, own_realty: 1, features: { EXT_SOURCE_2: 0.21, AGE_YEARS: 41.2 },
  };
}

export function scoreFixture(id: number, probability = 0.12): Score {
  return { id, probability, decision: probability >= 0.09 ? 'refused' : 'granted', threshold: 0.09, distance: probability - 0.09, model_version: '1.0.0' };
}

export function explanationFixture(id: number): Explanation {
  return {
    id, model_version: '1.0.0', probability: 0.12, decision: 'refused', threshold: 0.09, base_value: -2.5, log_odds: -1.99,
    contributions: [{ feature: 'EXT_SOURCE_2', label: 'External score 2', value: 0.21, shap: 0.4 }, { feature: 'AGE_YEARS', label: 'Age', value: 41.2, shap: 0.11 }],
    top: [{ feature: 'EXT_SOURCE_2', label: 'External score 2', value: 0.21, display_value: '0.21', shap: 0.4, direction: 'raises', phrase: 'External score 2 is low (0.21): raises the risk' }],
    rest: { count: 1, shap_sum: 0.11 },
  };
}
