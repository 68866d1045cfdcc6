/**
 * SHAP waterfall: from the average risk (base value) to this client's risk, one bar per top
 * contribution, the rest summed. Bars add up in log-odds; the axis is labelled in probabilities.
 */
import { scaleLinear } from 'd3-scale';
import { localLabel } from '../i18n/feature-text.js';
import { formatPercent, formatSigned } from '../i18n/format.js';
import { fill, messages, type Locale } from '../i18n/messages.js';
import { charWidth, mergeOptions, prepareSvg, textSizes, wrapLines, writeLines } from './frame.js';

const lineHeight = 16;
import { attachKeyboardNavigation, type FocusMark } from './keyboard.js';
import { divergingColor, roles } from './palette.js';
import type { BaseOptions, ChartModule, TableData } from './types.js';

export interface WaterfallItem {
  label: string;
  label_fr?: string;
  display_value: string;
  shap: number;
}

export interface WaterfallData {
  base_value: number;
  log_odds: number;
  top: WaterfallItem[];
  rest: { count: number; shap_sum: number };
}

export const defaults: BaseOptions & { rowHeight: number; labelWidth: number; labelChars: number } = {
  width: 720,
  height: 0, // computed from the number of rows
  locale: 'fr',
  rowHeight: 34,
  labelWidth: 300,
  labelChars: 40,
};

export interface Step {
  kind: 'base' | 'item' | 'rest' | 'final';
  label: string;
  value: string;
  start: number;
  end: number;
  shap: number;
  /** Number of features summed in the "rest" row. */
  count?: number;
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
export const logit = (p: number): number => Math.log(p / (1 - p));

/** The rows of the waterfall with their cumulative start and end (log-odds). */
export function steps(data: WaterfallData, locale: Locale): Step[] {
  const w = messages(locale).charts.waterfall;
  const out: Step[] = [{ kind: 'base', label: w.base, value: formatPercent(sigmoid(data.base_value), locale), start: data.base_value, end: data.base_value, shap: 0 }];
  let cumulative = data.base_value;
  for (const item of data.top) {
    out.push({ kind: 'item', label: localLabel(item, locale), value: item.display_value, start: cumulative, end: cumulative + item.shap, shap: item.shap });
    cumulative += item.shap;
  }
  if (data.rest.count > 0) {
    out.push({ kind: 'rest', label: fill(w.rest, { n: data.rest.count }), value: '', start: cumulative, end: cumulative + data.rest.shap_sum, shap: data.rest.shap_sum, count: data.rest.count });
  }
  out.push({ kind: 'final', label: w.final, value: formatPercent(sigmoid(data.log_odds), locale), start: data.log_odds, end: data.log_odds, shap: 0 });
  return out;
}

/** Probability ticks that fall inside a log-odds domain. */
export function probabilityTicks(domain: [number, number]): number[] {
  const candidates = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99];
  return candidates.filter((p) => logit(p) >= domain[0] && logit(p) <= domain[1]);
}

/** A step's change in probability points, signed ("+3,2 pt"): what an advisor reads, not log-odds. */
export function pointsText(s: Pick<Step, 'start' | 'end'>, locale: Locale): string {
  return fill(messages(locale).units.points, { n: formatSigned((sigmoid(s.end) - sigmoid(s.start)) * 100, locale, 1) });
}

function effect(shap: number, locale: Locale): string {
  const w = messages(locale).charts.waterfall;
  return shap >= 0 ? w.raises : w.lowers;
}

export function headline(data: WaterfallData, locale: Locale): string {
  const w = messages(locale).charts.waterfall;
  const first = data.top[0];
  if (!first) return w.final;
  return fill(first.shap >= 0 ? w.headlineRaises : w.headlineLowers, { label: localLabel(first, locale) });
}

export function describe(data: WaterfallData, locale: Locale): string {
  const w = messages(locale).charts.waterfall;
  const [first, second] = data.top;
  const firstStep = steps(data, locale).find((s) => s.kind === 'item');
  const params = {
    base: formatPercent(sigmoid(data.base_value), locale),
    p: formatPercent(sigmoid(data.log_odds), locale),
    label: first ? localLabel(first, locale) : '',
    effect: effect(first?.shap ?? 0, locale),
    shap: firstStep ? pointsText(firstStep, locale) : '',
    label2: second ? localLabel(second, locale) : '',
  };
  return fill(second ? w.describe : w.describeSingle, params);
}

export function table(data: WaterfallData, locale: Locale): TableData {
  const w = messages(locale).charts.waterfall;
  return {
    columns: [w.colFeature, w.colValue, w.colShap, w.colEffect],
    rows: steps(data, locale).map((s) => [
      s.label,
      s.value,
      s.kind === 'item' || s.kind === 'rest' ? pointsText(s, locale) : s.value,
      s.kind === 'item' || s.kind === 'rest' ? effect(s.shap, locale) : '',
    ]),
  };
}

function markLabel(s: Step, locale: Locale): string {
  const w = messages(locale).charts.waterfall;
  if (s.kind === 'base') return fill(w.markBase, { p: s.value });
  if (s.kind === 'final') return fill(w.markFinal, { p: s.value });
  if (s.kind === 'rest') return fill(w.markRest, { n: s.count ?? 0, shap: pointsText(s, locale) });
  return fill(w.markItem, { label: s.label, value: s.value, effect: effect(s.shap, locale), shap: pointsText(s, locale) });
}

export function draw(svgEl: SVGSVGElement, data: WaterfallData, options?: Partial<typeof defaults>): void {
  const o = mergeOptions(defaults, options);
  const rows = steps(data, o.locale);
  const margin = { top: 12, right: 84, bottom: 48, left: Math.min(o.labelWidth, o.width * 0.42) };
  // Labels wrap inside the left margin (never cut); a row grows with its lines.
  const labelChars = Math.max(8, Math.min(o.labelChars, Math.floor((margin.left - 12) / charWidth(textSizes.label))));
  const lines = rows.map((s) => wrapLines(s.kind === 'item' ? `${s.label} = ${s.value}` : s.label, labelChars));
  const heights = lines.map((l) => Math.max(o.rowHeight, l.length * lineHeight + 8));
  const tops = heights.map((_, i) => margin.top + heights.slice(0, i).reduce((a, b) => a + b, 0));
  const rowsHeight = heights.reduce((a, b) => a + b, 0);
  const height = margin.top + margin.bottom + rowsHeight;
  const svg = prepareSvg(svgEl, o.width, height, describe(data, o.locale));
  const values = rows.flatMap((s) => [s.start, s.end]);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = Math.max(0.15, (hi - lo) * 0.08);
  const x = scaleLinear().domain([lo - pad, hi + pad]).range([margin.left, o.width - margin.right]);
  const barHeight = o.rowHeight * 0.75;
  const y = (i: number) => tops[i]! + (heights[i]! - barHeight) / 2;
  const maxAbs = Math.max(...rows.filter((s) => s.kind === 'item').map((s) => Math.abs(s.shap)), 1e-9);
  const axisY = margin.top + rowsHeight;

  const grid = svg.append('g').attr('class', 'grid');
  for (const p of probabilityTicks(x.domain() as [number, number])) {
    grid.append('line').attr('x1', x(logit(p))).attr('x2', x(logit(p))).attr('y1', margin.top).attr('y2', axisY).attr('stroke', roles.grid);
    grid.append('text').attr('x', x(logit(p))).attr('y', axisY + 18).attr('text-anchor', 'middle')
      .attr('font-size', textSizes.tick).attr('fill', 'currentColor').text(formatPercent(p, o.locale, 0));
  }
  svg.append('text').attr('x', (margin.left + o.width - margin.right) / 2).attr('y', axisY + 40).attr('text-anchor', 'middle')
    .attr('font-size', textSizes.tick).attr('fill', 'currentColor').text(messages(o.locale).charts.waterfall.axis);

  const marks: FocusMark[] = [];
  rows.forEach((s, i) => {
    const top = y(i);
    const h = barHeight;
    const row = svg.append('g').attr('class', `row row-${s.kind}`);
    const label = row.append('text').attr('class', 'row-label').attr('x', margin.left - 10).attr('y', top + h / 2)
      .attr('text-anchor', 'end').attr('font-size', textSizes.label).attr('fill', 'currentColor');
    writeLines(label, lines[i]!, margin.left - 10, lineHeight);
    if (s.kind === 'base' || s.kind === 'final') {
      const cxp = x(s.end);
      row.append('path').attr('class', 'marker mark').attr('d', `M${cxp},${top} l7,${h / 2} l-7,${h / 2} l-7,${-h / 2} z`)
        .attr('fill', roles.ink);
      row.append('text').attr('class', 'value-label').attr('x', cxp + 12).attr('y', top + h / 2).attr('dy', '0.35em')
        .attr('font-size', textSizes.value).attr('font-weight', 700).attr('fill', 'currentColor').text(s.value);
      marks.push({ label: markLabel(s, o.locale), x: cxp - 7, y: top, width: 14, height: h });
      return;
    }
    const x0 = Math.min(x(s.start), x(s.end));
    const width = Math.max(2, Math.abs(x(s.end) - x(s.start)));
    const raises = s.shap >= 0;
    row.append('rect').attr('class', `bar mark ${raises ? 'raises' : 'lowers'}`)
      .attr('x', x0).attr('y', top).attr('width', width).attr('height', h)
      .attr('fill', s.kind === 'rest' ? roles.neutral : divergingColor(s.shap, maxAbs));
    // The sign shows in the direction, the arrow and the text, not only in the colour.
    const tip = raises ? x0 + width : x0;
    row.append('text').attr('class', 'value-label').attr('x', raises ? tip + 6 : tip - 6).attr('y', top + h / 2).attr('dy', '0.35em')
      .attr('text-anchor', raises ? 'start' : 'end').attr('font-size', textSizes.value).attr('fill', 'currentColor')
      .text(`${raises ? '▲' : '▼'} ${pointsText(s, o.locale)}`);
    marks.push({ label: markLabel(s, o.locale), x: x0, y: top, width, height: h });
  });
  // Dashed connectors show where each bar picks up from the previous one.
  rows.slice(0, -1).forEach((s, i) => {
    svg.append('line').attr('class', 'connector').attr('x1', x(s.end)).attr('x2', x(s.end))
      .attr('y1', y(i) + barHeight).attr('y2', y(i + 1))
      .attr('stroke', roles.muted).attr('stroke-dasharray', '3 3');
  });
  attachKeyboardNavigation(svgEl, marks, o.announce);
}

export const waterfallChart: ChartModule<WaterfallData, typeof defaults> = { defaults, draw, headline, describe, table };
