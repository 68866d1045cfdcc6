/** Semicircular gauge: the client's probability of default against the decision threshold. */
import { arc } from 'd3-shape';
import { formatPercent, formatPoints } from '../i18n/format.js';
import { fill, messages, type Locale } from '../i18n/messages.js';
import { decide, decisionLabel } from './decision.js';
import { addHatch, mergeOptions, prepareSvg, textSizes } from './frame.js';
import { attachKeyboardNavigation, type FocusMark } from './keyboard.js';
import { okabeIto, roles } from './palette.js';
import type { BaseOptions, ChartModule, TableData } from './types.js';

export interface GaugeData {
  probability: number;
  threshold: number;
}

export const defaults: BaseOptions & { bandWidth: number } = {
  width: 380,
  height: 240,
  locale: 'fr',
  bandWidth: 28,
};

/** Angle of a probability on the half circle (d3 convention: 0 = 12 o'clock, clockwise). */
export function gaugeAngle(probability: number): number {
  const p = Math.min(1, Math.max(0, probability));
  return -Math.PI / 2 + Math.PI * p;
}

export function polar(cx: number, cy: number, radius: number, angle: number): [number, number] {
  return [cx + radius * Math.sin(angle), cy - radius * Math.cos(angle)];
}

function distanceText(data: GaugeData, locale: Locale, long: boolean): string {
  const m = messages(locale).units;
  return fill(long ? m.pointsLong : m.points, { n: formatPoints(data.probability - data.threshold, locale) });
}

export function headline(data: GaugeData, locale: Locale): string {
  const g = messages(locale).charts.gauge;
  const refused = decide(data.probability, data.threshold) === 'refused';
  return fill(refused ? g.headlineRefused : g.headlineGranted, { d: distanceText(data, locale, false) });
}

export function describe(data: GaugeData, locale: Locale): string {
  const g = messages(locale).charts.gauge;
  const refused = decide(data.probability, data.threshold) === 'refused';
  return fill(refused ? g.describeRefused : g.describeGranted, {
    p: formatPercent(data.probability, locale),
    t: formatPercent(data.threshold, locale),
    d: distanceText(data, locale, true),
  });
}

export function table(data: GaugeData, locale: Locale): TableData {
  const g = messages(locale).charts.gauge;
  const sign = data.probability >= data.threshold ? '+' : '−';
  return {
    columns: [g.colMeasure, g.colValue],
    rows: [
      [g.rowProbability, formatPercent(data.probability, locale)],
      [g.rowThreshold, formatPercent(data.threshold, locale)],
      [g.rowDistance, `${sign}${distanceText(data, locale, false)}`],
      [g.rowDecision, decisionLabel(decide(data.probability, data.threshold), locale)],
    ],
  };
}

export function draw(svgEl: SVGSVGElement, data: GaugeData, options?: Partial<typeof defaults>): void {
  const o = mergeOptions(defaults, options);
  const g = messages(o.locale).charts.gauge;
  const svg = prepareSvg(svgEl, o.width, o.height, describe(data, o.locale));
  const cx = o.width / 2;
  const cy = o.height - 62;
  // Room on both sides for the threshold label when the threshold sits near an end of the arc.
  const outer = Math.max(60, Math.min(o.width / 2 - 90, cy - 40));
  const inner = outer - o.bandWidth;
  const band = arc<{ start: number; end: number }>()
    .innerRadius(inner)
    .outerRadius(outer)
    .startAngle((d) => d.start)
    .endAngle((d) => d.end);
  const tAngle = gaugeAngle(data.threshold);
  const hatch = addHatch(svg, roles.raises);
  const root = svg.append('g').attr('transform', `translate(${cx},${cy})`);

  root.append('path').attr('class', 'zone zone-granted mark')
    .attr('d', band({ start: gaugeAngle(0), end: tAngle }))
    .attr('fill', okabeIto.skyBlue).attr('stroke', roles.lowers).attr('stroke-width', 2);
  root.append('path').attr('class', 'zone zone-refused mark')
    .attr('d', band({ start: tAngle, end: gaugeAngle(1) }))
    .attr('fill', hatch).attr('stroke', roles.raises).attr('stroke-width', 2);

  const [t1x, t1y] = polar(0, 0, inner - 8, tAngle);
  const [t2x, t2y] = polar(0, 0, outer + 8, tAngle);
  root.append('line').attr('class', 'threshold mark')
    .attr('x1', t1x).attr('y1', t1y).attr('x2', t2x).attr('y2', t2y)
    .attr('stroke', roles.ink).attr('stroke-width', 3);
  const [lx, ly] = polar(0, 0, outer + 14, tAngle);
  // Two short lines ("Seuil" / "9,2 %") so the label fits beside the arc at either end.
  const label = root.append('text').attr('class', 'threshold-label')
    .attr('x', lx).attr('y', ly - 8)
    .attr('text-anchor', tAngle < -0.2 ? 'end' : tAngle > 0.2 ? 'start' : 'middle')
    .attr('font-size', textSizes.label).attr('fill', 'currentColor');
  label.append('tspan').attr('x', lx).text(g.thresholdWord);
  label.append('tspan').attr('x', lx).attr('dy', '1.2em').attr('font-weight', 700).text(formatPercent(data.threshold, o.locale));

  const pAngle = gaugeAngle(data.probability);
  const [nx, ny] = polar(0, 0, outer - 4, pAngle);
  root.append('line').attr('class', 'needle mark')
    .attr('x1', 0).attr('y1', 0).attr('x2', nx).attr('y2', ny)
    .attr('stroke', roles.ink).attr('stroke-width', 4).attr('stroke-linecap', 'round');
  root.append('circle').attr('class', 'hub').attr('r', 7).attr('fill', roles.ink);

  root.append('text').attr('class', 'value')
    .attr('x', 0).attr('y', 36).attr('text-anchor', 'middle')
    .attr('font-size', textSizes.big).attr('font-weight', 700).attr('fill', 'currentColor')
    .text(formatPercent(data.probability, o.locale));
  root.append('text').attr('x', 0).attr('y', 56).attr('text-anchor', 'middle')
    .attr('font-size', textSizes.tick).attr('fill', 'currentColor').text(g.centre);
  for (const [p, label, anchor] of [[0, g.zoneGranted, 'start'], [1, g.zoneRefused, 'end']] as const) {
    const [zx] = polar(0, 0, outer, gaugeAngle(p));
    root.append('text').attr('class', 'zone-label')
      .attr('x', zx).attr('y', 22).attr('text-anchor', anchor)
      .attr('font-size', textSizes.label).attr('font-weight', 600).attr('fill', 'currentColor').text(label);
  }

  const box = (x1: number, y1: number, x2: number, y2: number) => ({
    x: cx + Math.min(x1, x2), y: cy + Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1),
  });
  const marks: FocusMark[] = [
    { label: fill(g.markClient, { p: formatPercent(data.probability, o.locale) }), ...box(0, 0, nx, ny) },
    { label: fill(g.markThreshold, { t: formatPercent(data.threshold, o.locale) }), ...box(t1x, t1y, t2x, t2y) },
  ];
  attachKeyboardNavigation(svgEl, marks, o.announce);
}

export const gaugeChart: ChartModule<GaugeData, typeof defaults> = { defaults, draw, headline, describe, table };
