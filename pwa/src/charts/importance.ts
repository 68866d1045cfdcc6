/** Global importance: mean |SHAP| per feature over the labelled clients. */
import { localLabel, type Labelled } from '../i18n/feature-text.js';
import { formatNumber, formatPercent } from '../i18n/format.js';
import { fill, messages, type Locale } from '../i18n/messages.js';
import { mergeOptions } from './frame.js';
import { drawHBars } from './hbars.js';
import { attachKeyboardNavigation } from './keyboard.js';
import { roles } from './palette.js';
import type { BaseOptions, ChartModule, TableData } from './types.js';

export interface ImportanceData {
  /** label_fr (optional) is shown in French. */
  features: { name: string; label: string; label_fr?: string; mean_abs_shap: number }[];
  /** How many features to draw and summarise. */
  top: number;
}

export const defaults: BaseOptions & { rowHeight: number; labelWidth: number; labelChars: number } = {
  width: 640,
  height: 0,
  locale: 'fr',
  rowHeight: 28,
  labelWidth: 260,
  labelChars: 34,
};

const labelOf = (f: Labelled | undefined, locale: Locale): string => (f ? localLabel(f, locale) : '');

function topFeatures(data: ImportanceData) {
  return [...data.features].sort((a, b) => b.mean_abs_shap - a.mean_abs_shap).slice(0, Math.max(1, data.top));
}

/** Share of the total importance held by the top features. */
export function topShare(data: ImportanceData): number {
  const total = data.features.reduce((s, f) => s + f.mean_abs_shap, 0);
  const top = topFeatures(data).reduce((s, f) => s + f.mean_abs_shap, 0);
  return total > 0 ? top / total : 0;
}

export function headline(data: ImportanceData, locale: Locale): string {
  return fill(messages(locale).charts.importance.headline, { label: labelOf(topFeatures(data)[0], locale) });
}

export function describe(data: ImportanceData, locale: Locale): string {
  const [a, b, c] = topFeatures(data);
  return fill(messages(locale).charts.importance.describe, {
    label: labelOf(a, locale),
    v: formatNumber(a?.mean_abs_shap ?? 0, locale, 3),
    label2: labelOf(b, locale),
    label3: labelOf(c, locale),
    k: topFeatures(data).length,
    share: formatPercent(topShare(data), locale, 0),
  });
}

export function table(data: ImportanceData, locale: Locale): TableData {
  const m = messages(locale).charts.importance;
  return { columns: [m.colFeature, m.colValue], rows: topFeatures(data).map((f) => [localLabel(f, locale), formatNumber(f.mean_abs_shap, locale, 3)]) };
}

export function draw(svgEl: SVGSVGElement, data: ImportanceData, options?: Partial<typeof defaults>): void {
  const o = mergeOptions(defaults, options);
  const m = messages(o.locale).charts.importance;
  const bars = topFeatures(data).map((f) => ({
    label: localLabel(f, o.locale),
    value: f.mean_abs_shap,
    valueText: formatNumber(f.mean_abs_shap, o.locale, 3),
    fill: roles.lowers,
    stroke: roles.lowers,
    className: 'importance',
    markLabel: fill(m.mark, { label: localLabel(f, o.locale), v: formatNumber(f.mean_abs_shap, o.locale, 3) }),
  }));
  const marks = drawHBars(svgEl, bars, {
    width: o.width, rowHeight: o.rowHeight, labelWidth: o.labelWidth, labelChars: o.labelChars,
    axisLabel: m.axis, ariaLabel: describe(data, o.locale), locale: o.locale,
  });
  attachKeyboardNavigation(svgEl, marks, o.announce);
}

export const importanceChart: ChartModule<ImportanceData, typeof defaults> = { defaults, draw, headline, describe, table };
