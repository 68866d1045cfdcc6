/**
 * The words and number formats of the explanation phrases, one table per
 * language. English stays as the API has always written it; French uses the
 * decimal comma and a narrow no-break space (U+202F) between thousands.
 */

export type Language = 'en' | 'fr';

/** Formats a number with a fixed rule (decimals, grouping) in one language. */
type NumberText = (value: number) => string;

export interface Wording {
  integer: NumberText;
  oneDecimal: NumberText;
  twoDecimals: NumberText;
  upToTwo: NumberText;
  years(shown: string, value: number): string;
  months(shown: string): string;
  days(shown: string, value: number): string;
  percent(shown: string): string;
  yes: string;
  no: string;
  missing: string;
  code: string;
  effect: { raises: string; lowers: string; none: string };
  level: { low: string; high: string; typical: string };
  /** "Contract type is Revolving loans" */
  isCategory: string;
  /** A number without a population median: "Age is 40.0 years" / "Âge : 40,0 ans" */
  isValue: string;
  isMissing: string;
  /** Between the description and its effect on the risk. */
  colon: string;
}

const NARROW_NBSP = '\u202f';

function intl(tag: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return new Intl.NumberFormat(tag, options);
}

function english(nf: Intl.NumberFormat): NumberText {
  return (value) => nf.format(value);
}

// ICU versions differ on the French group separator (U+00A0 before CLDR 34, U+202F after): pin U+202F.
function french(nf: Intl.NumberFormat): NumberText {
  return (value) => nf.format(value).replace(/[\u00a0\u202f ]/g, NARROW_NBSP);
}

const rules = {
  integer: { maximumFractionDigits: 0 },
  oneDecimal: { minimumFractionDigits: 1, maximumFractionDigits: 1 },
  twoDecimals: { minimumFractionDigits: 2, maximumFractionDigits: 2 },
  upToTwo: { maximumFractionDigits: 2 },
} satisfies Record<string, Intl.NumberFormatOptions>;

const en: Wording = {
  integer: english(intl('en-US', rules.integer)),
  oneDecimal: english(intl('en-US', rules.oneDecimal)),
  twoDecimals: english(intl('en-US', rules.twoDecimals)),
  upToTwo: english(intl('en-US', rules.upToTwo)),
  years: (shown) => `${shown} years`,
  months: (shown) => `${shown} months`,
  days: (shown) => `${shown} days`,
  percent: (shown) => `${shown}%`,
  yes: 'yes',
  no: 'no',
  missing: 'missing',
  code: 'code',
  effect: { raises: 'raises the risk', lowers: 'lowers the risk', none: 'no effect on the risk' },
  level: { low: 'is low', high: 'is high', typical: 'is typical' },
  isCategory: 'is',
  isValue: 'is',
  isMissing: 'is missing',
  colon: ': ',
};

// French singular below 2 ("1,5 an", "1 jour"), plural from 2 on.
const plural = (value: number, one: string, many: string): string => (Math.abs(value) < 2 ? one : many);

const fr: Wording = {
  integer: french(intl('fr-FR', rules.integer)),
  oneDecimal: french(intl('fr-FR', rules.oneDecimal)),
  twoDecimals: french(intl('fr-FR', rules.twoDecimals)),
  upToTwo: french(intl('fr-FR', rules.upToTwo)),
  years: (shown, value) => `${shown} ${plural(value, 'an', 'ans')}`,
  months: (shown) => `${shown} mois`,
  days: (shown, value) => `${shown} ${plural(value, 'jour', 'jours')}`,
  percent: (shown) => `${shown}${NARROW_NBSP}%`,
  yes: 'oui',
  no: 'non',
  missing: 'manquant',
  code: 'code',
  effect: { raises: 'augmente le risque', lowers: 'réduit le risque', none: 'sans effet sur le risque' },
  // « valeur basse » agrees with any label (« Âge », « Années depuis… »), unlike « est bas ».
  level: { low: ': valeur basse', high: ': valeur élevée', typical: ': valeur médiane' },
  isCategory: ':',
  isValue: ':',
  isMissing: ': valeur manquante',
  colon: ', ',
};

export const wordings: Record<Language, Wording> = { en, fr };
