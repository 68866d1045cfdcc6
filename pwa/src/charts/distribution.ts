/**
 * Where the client's value sits on one feature's distribution, repaid vs defaulted clients
 * (population.json histograms: shares of each class, so the 12:1 imbalance does not hide defaults).
 */
import { axisLeft } from 'd3-axis';
import { scaleLinear } from 'd3-scale';
import { formatPercent, formatTick, formatValue } from '../i18n/format.js';
import { fill, messages, type Locale } from '../i18n/messages.js';
import { addHatch, mergeOptions, prepareSvg, styleAxis, textSizes, truncate, type Group } from './frame.js';
import { drawLegend } from './legend.js';
import { attachKeyboardNavigation, type FocusMark } from './keyboard.js';
import { roles } from './palette.js';
import type { BaseOptions, ChartModule, TableData } from './types.js';

export interface DistributionData {
  label: string;
  edges: number[];
  repaid: number[];
  defaulted: number[];
  clientValue: number | null;
  /** How to print the client's value (e.g. the API's display value); defaults to the number. */
  clientDisplay?: string;
  /** For category and binary features: one name per bin, shown instead of the bin edges. */
  categories?: string[];
}

export const defaults: BaseOptions & { tickEvery: number; sideRatio: number } = {
  width: 640,
  height: 300,
  locale: 'fr',
  tickEvery: 4,
  /** A range is "more common" in one group when its share is at least this many times the other's. */
  sideRatio: 1.15,
};

/** Index of the histogram bin holding `value` (clamped to the first/last bin). */
export function binIndex(edges: number[], value: number): number {
  const bins = edges.length - 1;
  for (let i = 0; i < bins; i += 1) {
    if (value < edges[i + 1]!) return i;
  }
  return bins - 1;
}

/** Position in "bin units": bin index plus the fraction of the way through that bin. */
export function binPosition(edges: number[], value: number): number {
  const i = binIndex(edges, value);
  const lo = edges[i]!;
  const hi = edges[i + 1]!;
  const frac = hi > lo ? (value - lo) / (hi - lo) : 0.5;
  return i + Math.min(1, Math.max(0, frac));
}

type Side = 'defaulted' | 'repaid' | 'equal';

export function sideOf(repaid: number, defaulted: number, ratio = defaults.sideRatio): Side {
  if (defaulted > repaid * ratio) return 'defaulted';
  if (repaid > defaulted * ratio) return 'repaid';
  return 'equal';
}

/** Category names apply only when there is exactly one per bin. */
function binNames(data: DistributionData): string[] | null {
  return data.categories && data.categories.length === data.repaid.length ? data.categories : null;
}

function binText(data: DistributionData, i: number, locale: Locale): string {
  const names = binNames(data);
  if (names) return names[i] ?? '';
  return `${formatValue(data.edges[i]!, locale)} – ${formatValue(data.edges[i + 1]!, locale)}`;
}

function clientText(data: DistributionData, locale: Locale): string {
  if (data.clientDisplay !== undefined) return data.clientDisplay;
  if (data.clientValue === null) return '';
  const names = binNames(data);
  return names ? names[binIndex(data.edges, data.clientValue)] ?? '' : formatValue(data.clientValue, locale);
}

export function headline(data: DistributionData, locale: Locale): string {
  const m = messages(locale).charts.distribution;
  if (data.clientValue === null) return m.headlineMissing;
  const i = binIndex(data.edges, data.clientValue);
  const side = sideOf(data.repaid[i] ?? 0, data.defaulted[i] ?? 0);
  return side === 'defaulted' ? m.headlineDefaulted : side === 'repaid' ? m.headlineRepaid : m.headlineEqual;
}

export function describe(data: DistributionData, locale: Locale): string {
  const m = messages(locale).charts.distribution;
  if (data.clientValue === null) return fill(m.describeMissing, { label: data.label });
  const i = binIndex(data.edges, data.clientValue);
  const side = sideOf(data.repaid[i] ?? 0, data.defaulted[i] ?? 0);
  return fill(binNames(data) ? m.describeCategory : m.describe, {
    label: data.label,
    value: clientText(data, locale),
    // A value beyond the outer edges is counted in the end bin: widen the range to include it.
    a: formatValue(Math.min(data.edges[i]!, data.clientValue), locale),
    b: formatValue(Math.max(data.edges[i + 1]!, data.clientValue), locale),
    r: formatPercent(data.repaid[i] ?? 0, locale),
    d: formatPercent(data.defaulted[i] ?? 0, locale),
    side: side === 'defaulted' ? m.sideDefaulted : side === 'repaid' ? m.sideRepaid : m.sideEqual,
  });
}

export function table(data: DistributionData, locale: Locale): TableData {
  const m = messages(locale).charts.distribution;
  return {
    columns: [m.colBin, m.colRepaid, m.colDefaulted],
    rows: data.repaid.map((r, i) => [
      binText(data, i, locale),
      formatPercent(r, locale),
      formatPercent(data.defaulted[i] ?? 0, locale),
    ]),
  };
}

export function draw(svgEl: SVGSVGElement, data: DistributionData, options?: Partial<typeof defaults>): void {
  const o = mergeOptions(defaults, options);
  const m = messages(o.locale).charts.distribution;
  const svg = prepareSvg(svgEl, o.width, o.height, describe(data, o.locale));
  const hatch = addHatch(svg, roles.defaulted);
  const swatch = (fill: string, stroke: string) => (g: Group) =>
    void g.append('rect').attr('x', -7).attr('y', -7).attr('width', 14).attr('height', 14).attr('fill', fill).attr('stroke', stroke).attr('stroke-width', 1.5);
  const legendHeight = drawLegend(svg, [
    { text: m.repaid, swatch: swatch(roles.repaid, roles.repaid) },
    { text: m.defaulted, swatch: swatch(hatch, roles.defaulted) },
    { text: m.clientLegend, swatch: (g) => void g.append('line').attr('x1', 0).attr('x2', 0).attr('y1', -8).attr('y2', 8).attr('stroke', roles.highlight).attr('stroke-width', 2.5).attr('stroke-dasharray', '4 2') },
  ], 8, 12, o.width - 16);
  const margin = { top: legendHeight + 44, right: 16, bottom: 44, left: 58 };
  const bins = data.repaid.length;
  const x = scaleLinear().domain([0, bins]).range([margin.left, o.width - margin.right]);
  const maxShare = Math.max(...data.repaid, ...data.defaulted, 0.01);
  const y = scaleLinear().domain([0, maxShare]).nice().range([o.height - margin.bottom, margin.top]);

  const yAxis = svg.append('g').attr('transform', `translate(${margin.left},0)`)
    .call(axisLeft(y).ticks(4).tickFormat((v) => formatPercent(Number(v), o.locale, 0)));
  styleAxis(yAxis);
  svg.append('text').attr('x', 8).attr('y', margin.top - 26).attr('font-size', textSizes.tick).attr('fill', 'currentColor').text(m.yAxis);

  const marks: FocusMark[] = [];
  const bw = (x(1) - x(0)) / 2 - 1;
  for (let i = 0; i < bins; i += 1) {
    const r = data.repaid[i] ?? 0;
    const d = data.defaulted[i] ?? 0;
    const g = svg.append('g').attr('class', 'bin');
    g.append('rect').attr('class', 'bar repaid mark').attr('x', x(i) + 1).attr('width', bw)
      .attr('y', y(r)).attr('height', y(0) - y(r)).attr('fill', roles.repaid);
    g.append('rect').attr('class', 'bar defaulted mark').attr('x', x(i) + 1 + bw).attr('width', bw)
      .attr('y', y(d)).attr('height', y(0) - y(d)).attr('fill', hatch).attr('stroke', roles.defaulted).attr('stroke-width', 1.5);
    marks.push({
      label: fill(m.markBin, { bin: binText(data, i, o.locale), r: formatPercent(r, o.locale), d: formatPercent(d, o.locale) }),
      x: x(i), y: y(Math.max(r, d)), width: x(1) - x(0), height: y(0) - y(Math.max(r, d)),
    });
  }
  const base = svg.append('g').attr('class', 'x-axis');
  base.append('line').attr('x1', margin.left).attr('x2', o.width - margin.right).attr('y1', y(0)).attr('y2', y(0)).attr('stroke', 'currentColor');
  const names = binNames(data);
  if (names) {
    names.forEach((name, i) => {
      base.append('text').attr('x', x(i + 0.5)).attr('y', y(0) + 20).attr('text-anchor', 'middle')
        .attr('font-size', textSizes.tick).attr('fill', 'currentColor').text(truncate(name, Math.max(6, Math.floor((x(1) - x(0)) / 7.5))));
    });
  }
  const every = Math.max(1, Math.ceil(o.tickEvery * (640 / Math.max(320, o.width))));
  if (!names) data.edges.forEach((edge, i) => {
    if (i % every !== 0 && i !== bins) return;
    base.append('line').attr('x1', x(i)).attr('x2', x(i)).attr('y1', y(0)).attr('y2', y(0) + 5).attr('stroke', 'currentColor');
    base.append('text').attr('x', x(i)).attr('y', y(0) + 20).attr('text-anchor', 'middle')
      .attr('font-size', textSizes.tick).attr('fill', 'currentColor').text(formatTick(edge, o.locale));
  });
  base.append('text').attr('x', (margin.left + o.width - margin.right) / 2).attr('y', o.height - 6).attr('text-anchor', 'middle')
    .attr('font-size', textSizes.tick).attr('fill', 'currentColor').text(data.label);

  if (data.clientValue !== null) {
    const cx = x(binPosition(data.edges, data.clientValue));
    const text = fill(m.client, { value: clientText(data, o.locale) });
    svg.append('line').attr('class', 'client-line mark').attr('x1', cx).attr('x2', cx).attr('y1', margin.top + 4).attr('y2', y(0))
      .attr('stroke', roles.highlight).attr('stroke-width', 2.5).attr('stroke-dasharray', '6 3');
    svg.append('path').attr('class', 'client-marker').attr('d', `M${cx - 7},${margin.top - 6} h14 l-7,10 z`).attr('fill', roles.highlight);
    const right = cx > o.width * 0.62;
    svg.append('text').attr('class', 'client-label').attr('x', right ? cx - 10 : cx + 10).attr('y', margin.top + 14)
      .attr('text-anchor', right ? 'end' : 'start').attr('font-size', textSizes.label).attr('font-weight', 700)
      .attr('fill', 'currentColor').attr('paint-order', 'stroke').attr('stroke', '#ffffff').attr('stroke-width', 4).text(text);
    marks.unshift({ label: fill(m.markClient, { value: clientText(data, o.locale) }), x: cx - 4, y: margin.top - 6, width: 8, height: y(0) - margin.top + 6 });
  }
  attachKeyboardNavigation(svgEl, marks, o.announce);
}

export const distributionChart: ChartModule<DistributionData, typeof defaults> = { defaults, draw, headline, describe, table };
