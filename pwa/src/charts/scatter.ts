/**
 * Bivariate view over the population sample: two chosen features, points coloured by
 * probability of default and shaped by decision, the client highlighted as a star.
 */
import { axisBottom, axisLeft } from 'd3-axis';
import { mean } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import { symbol, symbolCircle, symbolStar, symbolTriangle } from 'd3-shape';
import { formatPercent, formatTick, formatValue } from '../i18n/format.js';
import { fill, messages, type Locale } from '../i18n/messages.js';
import { mergeOptions, prepareSvg, styleAxis, textSizes } from './frame.js';
import { drawLegend } from './legend.js';
import { attachKeyboardNavigation, type FocusMark } from './keyboard.js';
import { divergingColor, roles } from './palette.js';
import type { BaseOptions, ChartModule, TableData } from './types.js';
import { logit } from './waterfall.js';
import { pointArea } from './risk-size.js';

export interface ScatterPoint {
  id: number;
  x: number | null;
  y: number | null;
  probability: number;
}

export interface ScatterData {
  xLabel: string;
  yLabel: string;
  threshold: number;
  points: ScatterPoint[];
  client: { x: number | null; y: number | null; probability: number } | null;
}

export const defaults: BaseOptions & { pointArea: number; clientArea: number } = {
  width: 640,
  height: 400,
  locale: 'fr',
  pointArea: 36,
  clientArea: 320,
};

type Placed = { id: number; x: number; y: number; probability: number };

export function placedPoints(data: ScatterData): Placed[] {
  return data.points.filter((p): p is Placed => p.x !== null && p.y !== null && Number.isFinite(p.x) && Number.isFinite(p.y));
}

/** Colour on the blue–orange scale by distance to the threshold in log-odds. */
export function scoreColor(probability: number, threshold: number): string {
  const clamp = (p: number) => Math.min(1 - 1e-6, Math.max(1e-6, p));
  return divergingColor(logit(clamp(probability)) - logit(clamp(threshold)), 2);
}

function groupMeans(data: ScatterData): { refused: number | undefined; granted: number | undefined; n: number } {
  const points = placedPoints(data);
  return {
    refused: mean(points.filter((p) => p.probability >= data.threshold), (p) => p.x),
    granted: mean(points.filter((p) => p.probability < data.threshold), (p) => p.x),
    n: points.length,
  };
}

export function headline(data: ScatterData, locale: Locale): string {
  const m = messages(locale).charts.scatter;
  const { refused, granted } = groupMeans(data);
  if (refused === undefined || granted === undefined) return m.headlineNoRefused;
  return fill(m.headline, { label: data.xLabel, direction: refused >= granted ? m.higher : m.lower });
}

export function describe(data: ScatterData, locale: Locale): string {
  const m = messages(locale).charts.scatter;
  const { refused, granted, n } = groupMeans(data);
  const c = data.client;
  const placed = c !== null && c.x !== null && c.y !== null;
  return fill(placed ? m.describe : m.describeNoClient, {
    n,
    x: data.xLabel,
    y: data.yLabel,
    xr: refused === undefined ? '—' : formatValue(refused, locale),
    xg: granted === undefined ? '—' : formatValue(granted, locale),
    cx: placed ? formatValue(c.x!, locale) : '',
    cy: placed ? formatValue(c.y!, locale) : '',
    p: c ? formatPercent(c.probability, locale) : '',
  });
}

export function table(data: ScatterData, locale: Locale): TableData {
  const m = messages(locale).charts.scatter;
  const v = (value: number | null) => (value === null ? m.missing : formatValue(value, locale));
  const rows = data.points.map((p) => [String(p.id), v(p.x), v(p.y), formatPercent(p.probability, locale)]);
  if (data.client) rows.unshift([m.client, v(data.client.x), v(data.client.y), formatPercent(data.client.probability, locale)]);
  return { columns: [m.colId, data.xLabel, data.yLabel, m.colProbability], rows };
}

export function draw(svgEl: SVGSVGElement, data: ScatterData, options?: Partial<typeof defaults>): void {
  const o = mergeOptions(defaults, options);
  const m = messages(o.locale).charts.scatter;
  const svg = prepareSvg(svgEl, o.width, o.height, describe(data, o.locale));
  const circle = symbol(symbolCircle, o.pointArea)()!;
  const triangle = symbol(symbolTriangle, o.pointArea * 1.2)()!;
  const legendHeight = drawLegend(svg, [
    { text: m.granted, swatch: (g) => void g.append('path').attr('d', circle).attr('fill', roles.lowers) },
    { text: m.refused, swatch: (g) => void g.append('path').attr('d', triangle).attr('fill', roles.raises) },
    { text: m.client, swatch: (g) => void g.append('path').attr('d', symbol(symbolStar, 120)()!).attr('fill', roles.highlight) },
    { text: `${messages(o.locale).explore.points.sizeLegend} : < ${formatPercent(data.threshold / 2, o.locale, 0)}`, swatch: (g) => void g.append('circle').attr('r', Math.sqrt(pointArea(0, data.threshold) / Math.PI)).attr('fill', roles.neutral) },
    { text: `≥ ${formatPercent(2 * data.threshold, o.locale, 0)}`, swatch: (g) => void g.append('circle').attr('r', Math.sqrt(pointArea(1, data.threshold) / Math.PI)).attr('fill', roles.neutral) },
    { text: m.colour, swatch: (g) => void g.append('rect').attr('x', -7).attr('y', -5).attr('width', 14).attr('height', 10).attr('fill', roles.lowers).attr('stroke', roles.raises).attr('stroke-width', 3) },
  ], 8, 12, o.width - 16);
  const margin = { top: legendHeight + 40, right: 20, bottom: 50, left: 70 };
  const points = placedPoints(data);
  const c = data.client && data.client.x !== null && data.client.y !== null ? (data.client as Placed) : null;
  const xs = points.map((p) => p.x).concat(c ? [c.x] : []);
  const ys = points.map((p) => p.y).concat(c ? [c.y] : []);
  const x = scaleLinear().domain(extent(xs)).nice().range([margin.left, o.width - margin.right]);
  const y = scaleLinear().domain(extent(ys)).nice().range([o.height - margin.bottom, margin.top]);

  const xAxis = svg.append('g').attr('transform', `translate(0,${o.height - margin.bottom})`)
    .call(axisBottom(x).ticks(Math.max(3, Math.floor(o.width / 110))).tickFormat((v) => formatTick(Number(v), o.locale)));
  styleAxis(xAxis);
  const yAxis = svg.append('g').attr('transform', `translate(${margin.left},0)`)
    .call(axisLeft(y).ticks(5).tickFormat((v) => formatTick(Number(v), o.locale)));
  styleAxis(yAxis);
  svg.append('text').attr('x', (margin.left + o.width - margin.right) / 2).attr('y', o.height - 8).attr('text-anchor', 'middle')
    .attr('font-size', textSizes.tick).attr('fill', 'currentColor').text(data.xLabel);
  svg.append('text').attr('x', 8).attr('y', margin.top - 16).attr('font-size', textSizes.tick).attr('fill', 'currentColor').text(`↑ ${data.yLabel}`);

  const ordered = [...points].sort((a, b) => a.probability - b.probability);
  const layer = svg.append('g').attr('class', 'points');
  for (const p of ordered) {
    const refused = p.probability >= data.threshold;
    // Size repeats the probability without colour (achromatopsia), as in the book's scatter.
    const area = pointArea(p.probability, data.threshold);
    layer.append('path').attr('class', `point mark ${refused ? 'refused' : 'granted'}`)
      .attr('d', refused ? symbol(symbolTriangle, area * 1.2)()! : symbol(symbolCircle, area)()!)
      .attr('transform', `translate(${x(p.x)},${y(p.y)})`)
      .attr('fill', scoreColor(p.probability, data.threshold))
      .attr('stroke', '#ffffff').attr('stroke-width', 0.6);
  }
  const label = (p: Placed, template: string) =>
    fill(template, { id: p.id, x: data.xLabel, y: data.yLabel, vx: formatValue(p.x, o.locale), vy: formatValue(p.y, o.locale), p: formatPercent(p.probability, o.locale) });
  const marks: FocusMark[] = [...points].sort((a, b) => a.x - b.x)
    .map((p) => ({ label: label(p, m.markPoint), x: x(p.x) - 5, y: y(p.y) - 5, width: 10, height: 10 }));
  if (c) {
    const cx = x(c.x);
    const cy = y(c.y);
    svg.append('path').attr('class', 'client mark').attr('d', symbol(symbolStar, o.clientArea)()!)
      .attr('transform', `translate(${cx},${cy})`).attr('fill', roles.highlight).attr('stroke', '#ffffff').attr('stroke-width', 2);
    const right = cx > o.width * 0.7;
    svg.append('text').attr('class', 'client-label').attr('x', right ? cx - 14 : cx + 14).attr('y', cy - 10)
      .attr('text-anchor', right ? 'end' : 'start').attr('font-size', textSizes.label).attr('font-weight', 700)
      .attr('fill', 'currentColor').attr('paint-order', 'stroke').attr('stroke', '#ffffff').attr('stroke-width', 4).text(m.client);
    marks.unshift({ label: label({ ...c, id: 0 }, m.markClient), x: cx - 12, y: cy - 12, width: 24, height: 24 });
  }
  attachKeyboardNavigation(svgEl, marks, o.announce);
}

function extent(values: number[]): [number, number] {
  if (values.length === 0) return [0, 1];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}

export const scatterChart: ChartModule<ScatterData, typeof defaults> = { defaults, draw, headline, describe, table };
