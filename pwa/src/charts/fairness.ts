/** Fairness dot plot: approval rate, missed defaults and refused good payers per group. */
import { scaleBand, scaleLinear } from 'd3-scale';
import { symbol, symbolCircle, symbolSquare, symbolTriangle } from 'd3-shape';
import type { FairnessGroup } from '../api/types.js';
import { formatNumber, formatPercent, formatPoints } from '../i18n/format.js';
import { fill, messages, type Locale } from '../i18n/messages.js';
import { mergeOptions, prepareSvg, textSizes } from './frame.js';
import { drawLegend, layoutLegend } from './legend.js';
import { attachKeyboardNavigation, type FocusMark } from './keyboard.js';
import { okabeIto, roles } from './palette.js';
import type { BaseOptions, ChartModule, TableData } from './types.js';

export interface FairnessData {
  groups: FairnessGroup[];
}

export const defaults: BaseOptions & { rowHeight: number } = { width: 640, height: 0, locale: 'fr', rowHeight: 44 };

type MetricKey = 'approval_rate' | 'fnr' | 'fpr';

/** Shape, colour and fill tell the series apart: FPR is a hollow triangle, not only "the green one". */
export const metrics: { key: MetricKey; shape: typeof symbolCircle; color: string; hollow?: boolean }[] = [
  { key: 'approval_rate', shape: symbolCircle, color: okabeIto.blue },
  { key: 'fnr', shape: symbolSquare, color: okabeIto.vermillion },
  { key: 'fpr', shape: symbolTriangle, color: okabeIto.green, hollow: true },
];

/** "F" / "M" become words; age bands stay as they are. */
export function groupLabel(group: FairnessGroup, locale: Locale): string {
  const m = messages(locale).charts.fairness;
  if (group.attribute === 'gender' && group.group === 'F') return m.female;
  if (group.attribute === 'gender' && group.group === 'M') return m.male;
  return group.group;
}

function metricName(key: MetricKey, locale: Locale): string {
  const m = messages(locale).charts.fairness;
  return key === 'approval_rate' ? m.approval : m[key];
}

function extremes(groups: FairnessGroup[], key: MetricKey) {
  const withValue = groups.filter((g) => g[key] !== null && g[key] !== undefined);
  const sorted = [...withValue].sort((a, b) => (a[key] as number) - (b[key] as number));
  return { min: sorted[0], max: sorted[sorted.length - 1] };
}

export function headline(data: FairnessData, locale: Locale): string {
  const { min, max } = extremes(data.groups, 'approval_rate');
  const gap = min && max ? max.approval_rate - min.approval_rate : 0;
  return fill(messages(locale).charts.fairness.headline, { gap: fill(messages(locale).units.pointsLong, { n: formatPoints(gap, locale) }) });
}

export function describe(data: FairnessData, locale: Locale): string {
  const a = extremes(data.groups, 'approval_rate');
  const f = extremes(data.groups, 'fnr');
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatPercent(v, locale));
  return fill(messages(locale).charts.fairness.describe, {
    amin: pct(a.min?.approval_rate), gmin: a.min ? groupLabel(a.min, locale) : '—',
    amax: pct(a.max?.approval_rate), gmax: a.max ? groupLabel(a.max, locale) : '—',
    fmin: pct(f.min?.fnr), gfmin: f.min ? groupLabel(f.min, locale) : '—',
    fmax: pct(f.max?.fnr), gfmax: f.max ? groupLabel(f.max, locale) : '—',
  });
}

export function table(data: FairnessData, locale: Locale): TableData {
  const m = messages(locale).charts.fairness;
  const pct = (v: number | null) => (v === null ? '—' : formatPercent(v, locale));
  return {
    columns: [m.colGroup, m.colN, m.approval, m.fnr, m.fpr, m.colAuc],
    rows: data.groups.map((g) => [groupLabel(g, locale), String(g.n), pct(g.approval_rate), pct(g.fnr), pct(g.fpr), g.auc === null ? '—' : formatNumber(g.auc, locale, 3)]),
  };
}

export function draw(svgEl: SVGSVGElement, data: FairnessData, options?: Partial<typeof defaults>): void {
  const o = mergeOptions(defaults, options);
  const texts = metrics.map((metric) => metricName(metric.key, o.locale));
  const legendHeight = layoutLegend(texts, o.width - 16).reduce((h, p) => Math.max(h, p.y), 0) + 20;
  const margin = { top: legendHeight + 20, right: 24, bottom: 36, left: 110 };
  const height = margin.top + margin.bottom + data.groups.length * o.rowHeight;
  const svg = prepareSvg(svgEl, o.width, height, describe(data, o.locale));
  drawLegend(svg, metrics.map((metric, i) => ({
    text: texts[i]!,
    swatch: (g) => void g.append('path').attr('d', symbol(metric.shape, 90)()!).attr('fill', metric.hollow ? '#ffffff' : metric.color)
      .attr('stroke', metric.color).attr('stroke-width', metric.hollow ? 2 : 0),
  })), 8, 12, o.width - 16);
  const x = scaleLinear().domain([0, 1]).range([margin.left, o.width - margin.right]);
  const y = scaleBand<number>().domain(data.groups.map((_, i) => i)).range([margin.top, height - margin.bottom]).padding(0.2);
  const bottom = height - margin.bottom;

  for (const tick of x.ticks(5)) {
    svg.append('line').attr('x1', x(tick)).attr('x2', x(tick)).attr('y1', margin.top).attr('y2', bottom).attr('stroke', roles.grid);
    svg.append('text').attr('x', x(tick)).attr('y', bottom + 18).attr('text-anchor', 'middle').attr('font-size', textSizes.tick).attr('fill', 'currentColor')
      .text(formatPercent(tick, o.locale, 0));
  }
  const marks: FocusMark[] = [];
  data.groups.forEach((g, i) => {
    const cy = y(i)! + y.bandwidth() / 2;
    svg.append('text').attr('class', 'row-label').attr('x', margin.left - 10).attr('y', cy).attr('dy', '0.35em').attr('text-anchor', 'end')
      .attr('font-size', textSizes.label).attr('fill', 'currentColor').text(groupLabel(g, o.locale));
    svg.append('line').attr('x1', margin.left).attr('x2', o.width - margin.right).attr('y1', cy).attr('y2', cy).attr('stroke', roles.grid).attr('stroke-dasharray', '2 3');
    for (const metric of metrics) {
      const v = g[metric.key];
      if (v === null || v === undefined) continue;
      svg.append('path').attr('class', `dot mark ${metric.key}`).attr('d', symbol(metric.shape, 110)()!)
        .attr('transform', `translate(${x(v)},${cy})`).attr('fill', metric.hollow ? '#ffffff' : metric.color)
          .attr('stroke', metric.hollow ? metric.color : '#ffffff').attr('stroke-width', metric.hollow ? 2.5 : 1);
      marks.push({
        label: fill(messages(o.locale).charts.fairness.mark, { group: groupLabel(g, o.locale), metric: metricName(metric.key, o.locale), v: formatPercent(v, o.locale), n: g.n }),
        x: x(v) - 7, y: cy - 7, width: 14, height: 14,
      });
    }
  });
  attachKeyboardNavigation(svgEl, marks, o.announce);
}

export const fairnessChart: ChartModule<FairnessData, typeof defaults> = { defaults, draw, headline, describe, table };
