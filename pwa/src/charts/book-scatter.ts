/**
 * The whole client book on two model inputs: one mark per client, its shape giving the decision
 * (circle granted, triangle refused) and its size the probability of default, so the score reads
 * without colour (achromatopsia) as well as by hue. Category inputs are drawn as categories (a
 * band per value, points spread inside it), counts get whole-number ticks. Hover or keyboard focus
 * shows the client's id and values; a click, Enter or Space opens the client.
 */
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleBand, scaleLinear, type ScaleBand, type ScaleLinear } from 'd3-scale';
import { symbol, symbolCircle, symbolTriangle } from 'd3-shape';
import { formatPercent, formatTick } from '../i18n/format.js';
import { fill, messages, type Locale } from '../i18n/messages.js';
import { decide, decisionLabel } from './decision.js';
import { mergeOptions, prepareSvg, styleAxis, textSizes, truncate, type Svg } from './frame.js';
import { drawLegend, textWidth } from './legend.js';
import { attachKeyboardNavigation, type FocusMark } from './keyboard.js';
import { roles } from './palette.js';
import { pointArea } from './risk-size.js';
import { scoreColor } from './scatter.js';
import type { BaseOptions, ChartModule, TableData } from './types.js';

const svgNs = 'http://www.w3.org/2000/svg';

export interface BookAxis {
  label: string;
  /** Names of the codes of a category or binary input, in code order; null for numbers. */
  categories: string[] | null;
  /** Whole numbers only (counts): integer ticks. */
  integer: boolean;
  /** A value with its unit ("45 ans", "250 000 €", "Prêt personnel"). */
  format: (value: number, locale: Locale) => string;
}

export interface BookPoint {
  id: number;
  x: number | null;
  y: number | null;
  probability: number;
}

export interface BookScatterData {
  x: BookAxis;
  y: BookAxis;
  threshold: number;
  /** Clients in the whole book (the points are those matching the filters). */
  total: number;
  points: BookPoint[];
}

export const defaults: BaseOptions & { onOpen?: (id: number) => void; tableRows: number } = {
  width: 640,
  height: 440,
  locale: 'fr',
  tableRows: 200,
};

type Placed = BookPoint & { x: number; y: number };

export function placed(data: BookScatterData): Placed[] {
  return data.points.filter((p): p is Placed => p.x !== null && p.y !== null && Number.isFinite(p.x) && Number.isFinite(p.y));
}

/** Deterministic spread inside a category band, from the id (no randomness, same place each time). */
export function jitter(id: number, salt: number): number {
  const h = Math.imul(id ^ (salt * 0x9e3779b1), 0x85ebca6b) >>> 0;
  return (h % 1000) / 1000 - 0.5;
}

export function headline(data: BookScatterData, locale: Locale): string {
  return fill(messages(locale).explore.points.headline, { x: data.x.label, y: data.y.label, n: placed(data).length.toLocaleString(locale) });
}

export function describe(data: BookScatterData, locale: Locale): string {
  const n = placed(data).length;
  return fill(messages(locale).explore.points.describe, {
    n, total: data.total, x: data.x.label, y: data.y.label, missing: data.points.length - n,
  });
}

export function table(data: BookScatterData, locale: Locale): TableData {
  const m = messages(locale).explore.points;
  const text = (axis: BookAxis, v: number | null) => (v === null ? messages(locale).units.missing : axis.format(v, locale));
  const category = (axis: BookAxis, v: number | null) => (v === null ? null : axis.categories ? axis.format(v, locale) : v);
  return {
    columns: [m.colId, data.x.label, data.y.label, m.colProbability, messages(locale).explore.decision],
    rows: data.points.map((p) => [String(p.id), text(data.x, p.x), text(data.y, p.y), formatPercent(p.probability, locale),
      decisionLabel(decide(p.probability, data.threshold), locale)]),
    sortValues: data.points.map((p) => [p.id, category(data.x, p.x), category(data.y, p.y), p.probability, p.probability >= data.threshold ? 1 : 0]),
    links: data.points.map((p) => ({ column: 0, href: `#/clients/${p.id}` })),
    maxRows: defaults.tableRows,
  };
}

export function markLabel(data: BookScatterData, p: Placed, locale: Locale): string {
  return fill(messages(locale).explore.points.mark, {
    id: p.id, x: data.x.label, y: data.y.label, vx: data.x.format(p.x, locale), vy: data.y.format(p.y, locale),
    p: formatPercent(p.probability, locale), decision: decisionLabel(decide(p.probability, data.threshold), locale),
  });
}

type Position = (value: number, id: number) => number;

function numericScale(values: number[], range: [number, number], integer: boolean): ScaleLinear<number, number> {
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (!Number.isFinite(lo)) [lo, hi] = [0, 1];
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  const scale = scaleLinear().domain([lo, hi]).range(range);
  return integer ? scale.nice() : scale.nice();
}

function axisTicks(scale: ScaleLinear<number, number>, count: number, integer: boolean): number[] {
  const ticks = scale.ticks(count);
  return integer ? ticks.filter((t) => Number.isInteger(t)) : ticks;
}

function bandScale(categories: string[], range: [number, number]): ScaleBand<number> {
  return scaleBand<number>().domain(categories.map((_, i) => i)).range(range).padding(0.15);
}

function position(axis: BookAxis, values: number[], range: [number, number], salt: number): { at: Position; band: ScaleBand<number> | null; linear: ScaleLinear<number, number> | null } {
  if (axis.categories) {
    const band = bandScale(axis.categories, range);
    return { at: (v, id) => (band(v) ?? range[0]) + band.bandwidth() * (0.5 + 0.8 * jitter(id, salt)), band, linear: null };
  }
  const linear = numericScale(values, range, axis.integer);
  return { at: (v) => linear(v), band: null, linear };
}

/** Category names fitting `room` pixels: abbreviated on purpose, full text in the table and marks. */
function fitLabel(text: string, room: number): string {
  return truncate(text, Math.max(4, Math.floor(room / (textSizes.tick * 0.6))));
}

function drawAxes(svg: Svg, data: BookScatterData, xs: ReturnType<typeof position>, ys: ReturnType<typeof position>, box: { left: number; right: number; top: number; bottom: number }, o: typeof defaults): void {
  const xAxis = svg.append('g').attr('transform', `translate(0,${box.bottom})`);
  if (xs.band) {
    const band = xs.band;
    xAxis.call(axisBottom(band).tickFormat((i) => fitLabel(data.x.categories![i as number]!, band.bandwidth())));
  } else {
    xAxis.call(axisBottom(xs.linear!).tickValues(axisTicks(xs.linear!, Math.max(3, Math.floor((box.right - box.left) / 90)), data.x.integer)).tickFormat((v) => formatTick(Number(v), o.locale)));
  }
  styleAxis(xAxis);
  const yAxis = svg.append('g').attr('transform', `translate(${box.left},0)`);
  if (ys.band) {
    yAxis.call(axisLeft(ys.band).tickFormat((i) => fitLabel(data.y.categories![i as number]!, box.left - 12)));
  } else {
    yAxis.call(axisLeft(ys.linear!).tickValues(axisTicks(ys.linear!, 6, data.y.integer)).tickFormat((v) => formatTick(Number(v), o.locale)));
  }
  styleAxis(yAxis);
  svg.append('text').attr('class', 'axis-title').attr('x', (box.left + box.right) / 2).attr('y', box.bottom + 42).attr('text-anchor', 'middle')
    .attr('font-size', textSizes.tick).attr('fill', 'currentColor').text(fitLabel(`${data.x.label} →`, box.right - box.left));
  svg.append('text').attr('class', 'axis-title').attr('x', 8).attr('y', box.top - 14).attr('font-size', textSizes.tick).attr('fill', 'currentColor')
    .text(fitLabel(`↑ ${data.y.label}`, o.width - 16));
}

export function draw(svgEl: SVGSVGElement, data: BookScatterData, options?: Partial<typeof defaults>): void {
  const o = mergeOptions(defaults, options);
  const m = messages(o.locale);
  const svg = prepareSvg(svgEl, o.width, o.height, describe(data, o.locale));
  const circle = (area: number) => symbol(symbolCircle, area)()!;
  const triangle = (area: number) => symbol(symbolTriangle, area * 1.2)()!;
  const t = data.threshold;
  const legendHeight = drawLegend(svg, [
    { text: m.decision.granted, swatch: (g) => void g.append('path').attr('d', circle(60)).attr('fill', roles.lowers) },
    { text: m.decision.refused, swatch: (g) => void g.append('path').attr('d', triangle(60)).attr('fill', roles.raises) },
    { text: `${m.explore.points.sizeLegend} : < ${formatPercent(t / 2, o.locale, 0)}`, swatch: (g) => void g.append('circle').attr('r', Math.sqrt(pointArea(0, t) / Math.PI)).attr('fill', roles.neutral) },
    { text: `≥ ${formatPercent(2 * t, o.locale, 0)}`, swatch: (g) => void g.append('circle').attr('r', Math.sqrt(pointArea(1, t) / Math.PI)).attr('fill', roles.neutral) },
  ], 8, 12, o.width - 16);
  const points = placed(data);
  const longestY = data.y.categories ? Math.max(...data.y.categories.map((c) => textWidth(c))) : 40;
  const box = { left: Math.min(o.width * 0.4, Math.max(56, longestY + 16)), right: o.width - 16, top: legendHeight + 44, bottom: o.height - 56 };
  const xs = position(data.x, points.map((p) => p.x), [box.left, box.right], 1);
  const ys = position(data.y, points.map((p) => p.y), [box.bottom, box.top], 2);
  drawAxes(svg, data, xs, ys, box, o);

  // Attributes every point shares sit on the layer (SVG presentation attributes inherit): with thousands
  // of points, each attribute set per point is a measurable share of the drawing's main-thread time.
  const layer = svg.append('g').attr('class', 'points').attr('fill-opacity', 0.8).attr('stroke', '#ffffff').attr('stroke-width', 0.6);
  // Riskiest last so they stay on top of the crowd.
  const ordered = [...points].sort((a, b) => a.probability - b.probability);
  const at = new Map<number, [number, number]>();
  // Four size bands, two shapes: eight path strings, made once.
  const shapes = new Map<string, string>();
  const shape = (refused: boolean, area: number) => {
    const key = `${refused}${area}`;
    let d = shapes.get(key);
    if (d === undefined) shapes.set(key, (d = refused ? triangle(area) : circle(area)));
    return d;
  };
  const layerEl = layer.node()!;
  const fragment = document.createDocumentFragment();
  for (const p of ordered) {
    const px = xs.at(p.x, p.id);
    const py = ys.at(p.y, p.id);
    at.set(p.id, [px, py]);
    const refused = p.probability >= t;
    const path = document.createElementNS(svgNs, 'path');
    path.setAttribute('class', `point mark ${refused ? 'refused' : 'granted'}`);
    path.setAttribute('data-id', String(p.id));
    path.setAttribute('d', shape(refused, pointArea(p.probability, t)));
    path.setAttribute('transform', `translate(${px},${py})`);
    path.setAttribute('fill', scoreColor(p.probability, t));
    fragment.appendChild(path);
  }
  layerEl.appendChild(fragment);
  const tip = svg.append('g').attr('class', 'tooltip').attr('pointer-events', 'none').attr('visibility', 'hidden');
  const tipBox = tip.append('rect').attr('fill', '#ffffff').attr('stroke', roles.ink).attr('rx', 4);
  const tipLines = [0, 1, 2].map((i) => tip.append('text').attr('font-size', textSizes.tick).attr('fill', roles.ink).attr('x', 8).attr('y', 18 + i * 17));
  const byId = new Map(points.map((p) => [p.id, p]));
  const showTip = (p: Placed) => {
    const [px, py] = at.get(p.id)!;
    const lines = [`${m.explore.points.colId} ${p.id} · ${formatPercent(p.probability, o.locale)}`,
      `${data.x.label} : ${data.x.format(p.x, o.locale)}`, `${data.y.label} : ${data.y.format(p.y, o.locale)}`];
    const width = Math.min(o.width - 8, Math.max(...lines.map(textWidth)) + 16);
    lines.forEach((line, i) => tipLines[i]!.text(fitLabel(line, width - 16)));
    tipBox.attr('width', width).attr('height', 62);
    const left = Math.min(Math.max(4, px + 12), o.width - width - 4);
    const top = py - 70 < 0 ? py + 12 : py - 70;
    tip.attr('transform', `translate(${left},${top})`).attr('visibility', 'visible');
  };
  const target = (event: Event) => byId.get(Number((event.target as Element).getAttribute?.('data-id')));
  layer.on('pointerover', (event: Event) => {
    const p = target(event);
    if (p) showTip(p);
  }).on('pointerleave', () => tip.attr('visibility', 'hidden'));
  const open = o.onOpen;
  if (open) {
    layer.style('cursor', 'pointer').on('click', (event: Event) => {
      const p = target(event);
      if (p) open(p.id);
    });
  }
  const byX = [...points].sort((a, b) => at.get(a.id)![0] - at.get(b.id)![0]);
  const marks: FocusMark[] = byX.map((p) => {
    const [px, py] = at.get(p.id)!;
    // A mark's words are made when the keyboard reaches it, not for every point up front.
    return { get label() { return markLabel(data, p, o.locale); }, x: px - 5, y: py - 5, width: 10, height: 10 };
  });
  const announce = o.announce;
  attachKeyboardNavigation(svgEl, marks, (text) => {
    const index = Number(svgEl.getAttribute('data-active-index'));
    if (byX[index]) showTip(byX[index]!);
    if (announce) announce(text);
    else svgEl.dispatchEvent(new CustomEvent('chart-announce', { detail: text, bubbles: true, composed: true }));
  }, 0, open ? (i) => open(byX[i]!.id) : undefined);
  svgEl.addEventListener('blur', () => tip.attr('visibility', 'hidden'));
  // The tooltip must sit above the points and the focus ring.
  svgEl.appendChild(tip.node()!);
}

export const bookScatterChart: ChartModule<BookScatterData, typeof defaults> = { defaults, draw, headline, describe, table };
