/** Cost of errors per 1,000 clients against the decision threshold, with the chosen threshold. */
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { ThresholdPoint } from '../api/types.js';
import { formatNumber, formatPercent } from '../i18n/format.js';
import { fill, messages, type Locale } from '../i18n/messages.js';
import { charWidth, mergeOptions, prepareSvg, styleAxis, textSizes, wrapLines, writeLines } from './frame.js';
import { attachKeyboardNavigation } from './keyboard.js';
import { roles } from './palette.js';
import type { BaseOptions, ChartModule, TableData } from './types.js';

export interface CostCurveData {
  curve: ThresholdPoint[];
  chosen: number;
}

export const defaults: BaseOptions & { conventionalThreshold: number } = {
  width: 640,
  height: 320,
  locale: 'fr',
  /** The "default" threshold the chosen one is compared with in the reading. */
  conventionalThreshold: 0.5,
};

function ordered(data: CostCurveData): ThresholdPoint[] {
  return [...data.curve].sort((a, b) => a.threshold - b.threshold);
}

/** The curve point nearest a threshold (the curve is sampled, the chosen threshold may fall between). */
export function nearest(curve: ThresholdPoint[], threshold: number): ThresholdPoint | undefined {
  let best: ThresholdPoint | undefined;
  for (const p of curve) {
    if (!best || Math.abs(p.threshold - threshold) < Math.abs(best.threshold - threshold)) best = p;
  }
  return best;
}

export function minimum(curve: ThresholdPoint[]): ThresholdPoint | undefined {
  return curve.reduce<ThresholdPoint | undefined>((m, p) => (!m || p.cost_per_1000 < m.cost_per_1000 ? p : m), undefined);
}

const t2 = (v: number, locale: Locale) => formatPercent(v, locale, 1);
const c0 = (v: number, locale: Locale) => formatNumber(v, locale, 0);

export function headline(data: CostCurveData, locale: Locale): string {
  const chosen = nearest(data.curve, data.chosen);
  return fill(messages(locale).charts.cost.headline, { t: t2(data.chosen, locale), c: c0(chosen?.cost_per_1000 ?? 0, locale) });
}

export function describe(data: CostCurveData, locale: Locale): string {
  const m = messages(locale).charts.cost;
  const chosen = nearest(data.curve, data.chosen);
  const best = minimum(data.curve);
  const conventional = nearest(data.curve, defaults.conventionalThreshold);
  const has50 = conventional !== undefined && Math.abs(conventional.threshold - defaults.conventionalThreshold) < 0.02;
  return fill(has50 ? m.describe : m.describeNo50, {
    cmin: c0(best?.cost_per_1000 ?? 0, locale),
    tmin: t2(best?.threshold ?? 0, locale),
    t: t2(data.chosen, locale),
    c: c0(chosen?.cost_per_1000 ?? 0, locale),
    c50: c0(conventional?.cost_per_1000 ?? 0, locale),
  });
}

export function table(data: CostCurveData, locale: Locale): TableData {
  const m = messages(locale).charts.cost;
  return {
    columns: [m.colThreshold, m.colCost, m.colFn, m.colFp],
    rows: ordered(data).map((p) => [t2(p.threshold, locale), c0(p.cost_per_1000, locale), String(p.fn), String(p.fp)]),
  };
}

export function draw(svgEl: SVGSVGElement, data: CostCurveData, options?: Partial<typeof defaults>): void {
  const o = mergeOptions(defaults, options);
  const m = messages(o.locale).charts.cost;
  const svg = prepareSvg(svgEl, o.width, o.height, describe(data, o.locale));
  const margin = { top: 34, right: 24, bottom: 48, left: 64 };
  const points = ordered(data);
  const x = scaleLinear().domain([0, Math.max(1, ...points.map((p) => p.threshold))]).range([margin.left, o.width - margin.right]);
  const y = scaleLinear().domain([0, Math.max(1, ...points.map((p) => p.cost_per_1000))]).nice().range([o.height - margin.bottom, margin.top]);

  const xAxis = svg.append('g').attr('transform', `translate(0,${o.height - margin.bottom})`)
    .call(axisBottom(x).ticks(5).tickFormat((v) => formatPercent(Number(v), o.locale, 0)));
  styleAxis(xAxis);
  const yAxis = svg.append('g').attr('transform', `translate(${margin.left},0)`)
    .call(axisLeft(y).ticks(5).tickFormat((v) => formatNumber(Number(v), o.locale, 0)));
  styleAxis(yAxis);
  svg.append('text').attr('x', (margin.left + o.width - margin.right) / 2).attr('y', o.height - 8).attr('text-anchor', 'middle')
    .attr('font-size', textSizes.tick).attr('fill', 'currentColor').text(m.xAxis);
  svg.append('text').attr('x', 8).attr('y', margin.top - 16).attr('font-size', textSizes.tick).attr('fill', 'currentColor').text(`↑ ${m.yAxis}`);

  const path = line<ThresholdPoint>().x((p) => x(p.threshold)).y((p) => y(p.cost_per_1000));
  svg.append('path').attr('class', 'curve mark').attr('d', path(points) ?? '').attr('fill', 'none')
    .attr('stroke', roles.lowers).attr('stroke-width', 2.5);

  const chosen = nearest(points, data.chosen);
  const cx = x(data.chosen);
  svg.append('line').attr('class', 'chosen').attr('x1', cx).attr('x2', cx).attr('y1', margin.top).attr('y2', o.height - margin.bottom)
    .attr('stroke', roles.ink).attr('stroke-width', 2).attr('stroke-dasharray', '6 4');
  if (chosen) {
    const cy = y(chosen.cost_per_1000);
    svg.append('path').attr('class', 'chosen-point mark').attr('d', `M${cx},${cy - 8} l8,8 l-8,8 l-8,-8 z`)
      .attr('fill', roles.raises).attr('stroke', '#ffffff').attr('stroke-width', 1.5);
    const right = cx > o.width * 0.6;
    const lx = right ? cx - 12 : cx + 12;
    // Bold text is wider; the label wraps to the room on its side of the point instead of running off.
    const room = right ? lx - 4 : o.width - lx - 4;
    const lines = wrapLines(fill(m.chosen, { t: t2(data.chosen, o.locale), c: c0(chosen.cost_per_1000, o.locale) }), Math.floor(room / (charWidth(textSizes.label) * 1.1)));
    const label = svg.append('text').attr('class', 'chosen-label').attr('x', lx).attr('y', cy - 12 - ((lines.length - 1) * 16) / 2)
      .attr('text-anchor', right ? 'end' : 'start').attr('font-size', textSizes.label).attr('font-weight', 700)
      .attr('fill', 'currentColor').attr('paint-order', 'stroke').attr('stroke', '#ffffff').attr('stroke-width', 4);
    writeLines(label, lines, lx, 16);
  }
  const marks = points.map((p) => ({
    label: fill(m.mark, { t: t2(p.threshold, o.locale), c: c0(p.cost_per_1000, o.locale), fn: p.fn, fp: p.fp }),
    x: x(p.threshold) - 5, y: y(p.cost_per_1000) - 5, width: 10, height: 10,
  }));
  const start = chosen ? points.indexOf(chosen) : 0;
  attachKeyboardNavigation(svgEl, marks, o.announce, start);
}

export const costCurveChart: ChartModule<CostCurveData, typeof defaults> = { defaults, draw, headline, describe, table };
