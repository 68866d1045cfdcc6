/**
 * Reliability curve: predicted against observed default rate per bin of predicted probability,
 * with the diagonal as the reference. "Calibrated" means the points sit on the diagonal: among
 * clients given about 10 %, about 10 % defaulted.
 */
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear, scaleSqrt } from 'd3-scale';
import type { Calibration, CalibrationBin } from '../api/types.js';
import { formatNumber, formatPercent } from '../i18n/format.js';
import { fill, messages, type Locale } from '../i18n/messages.js';
import { mergeOptions, prepareSvg, styleAxis, textSizes } from './frame.js';
import { attachKeyboardNavigation } from './keyboard.js';
import { roles } from './palette.js';
import type { BaseOptions, ChartModule, TableData } from './types.js';

export const defaults: BaseOptions & { minRadius: number; maxRadius: number } = {
  width: 520,
  height: 420,
  locale: 'fr',
  /** Point radius grows with the clients in the bin (area ∝ n), between these bounds. */
  minRadius: 4,
  maxRadius: 11,
};

const p1 = (v: number, locale: Locale) => formatPercent(v, locale, 1);
const b3 = (v: number, locale: Locale) => formatNumber(v, locale, 3);

/** Bins that hold clients, by predicted probability (an empty bin says nothing about calibration). */
export function usableBins(data: Calibration): CalibrationBin[] {
  return data.bins.filter((b) => b.n > 0).sort((a, b) => a.predicted - b.predicted);
}

/** Brier score improvement over always predicting the average default rate, as a share (0.08 = 8 % better). */
export function brierGain(data: Calibration): number {
  return data.brier_prior > 0 ? 1 - data.brier / data.brier_prior : 0;
}

export function headline(data: Calibration, locale: Locale): string {
  return fill(messages(locale).charts.reliability.headline, { ece: formatPercent(data.ece, locale, 1) });
}

export function describe(data: Calibration, locale: Locale): string {
  const m = messages(locale).charts.reliability;
  const bins = usableBins(data);
  if (bins.length === 0) return m.empty;
  return fill(m.describe, {
    ece: formatPercent(data.ece, locale, 1),
    bins: bins.length,
    predicted: p1(data.mean_predicted, locale),
    observed: p1(data.default_rate, locale),
    brier: b3(data.brier, locale),
    prior: b3(data.brier_prior, locale),
    gain: formatPercent(brierGain(data), locale, 0),
  });
}

export function table(data: Calibration, locale: Locale): TableData {
  const m = messages(locale).charts.reliability;
  const bins = usableBins(data);
  return {
    columns: [m.colRange, m.colN, m.colPredicted, m.colObserved, m.colDefaulted],
    rows: bins.map((b) => [`${p1(b.p_min, locale)} – ${p1(b.p_max, locale)}`, formatNumber(b.n, locale, 0), p1(b.predicted, locale), p1(b.observed, locale), formatNumber(b.n_defaulted, locale, 0)]),
  };
}

export function draw(svgEl: SVGSVGElement, data: Calibration, options?: Partial<typeof defaults>): void {
  const o = mergeOptions(defaults, options);
  const m = messages(o.locale).charts.reliability;
  const svg = prepareSvg(svgEl, o.width, o.height, describe(data, o.locale));
  const margin = { top: 34, right: 24, bottom: 48, left: 64 };
  const bins = usableBins(data);
  // One scale for both axes so the diagonal is at 45°; zoomed to the data (default rates are small).
  const top = Math.min(1, Math.max(0.05, ...bins.map((b) => Math.max(b.predicted, b.observed, b.p_max))) * 1.05);
  const x = scaleLinear().domain([0, top]).nice().range([margin.left, o.width - margin.right]);
  const y = scaleLinear().domain(x.domain()).range([o.height - margin.bottom, margin.top]);
  const r = scaleSqrt().domain([0, Math.max(1, ...bins.map((b) => b.n))]).range([o.minRadius, o.maxRadius]);

  const xAxis = svg.append('g').attr('transform', `translate(0,${o.height - margin.bottom})`)
    .call(axisBottom(x).ticks(5).tickFormat((v) => formatPercent(Number(v), o.locale, 0)));
  styleAxis(xAxis);
  const yAxis = svg.append('g').attr('transform', `translate(${margin.left},0)`)
    .call(axisLeft(y).ticks(5).tickFormat((v) => formatPercent(Number(v), o.locale, 0)));
  styleAxis(yAxis);
  svg.append('text').attr('x', (margin.left + o.width - margin.right) / 2).attr('y', o.height - 8).attr('text-anchor', 'middle')
    .attr('font-size', textSizes.tick).attr('fill', 'currentColor').text(m.xAxis);
  svg.append('text').attr('x', 8).attr('y', margin.top - 16).attr('font-size', textSizes.tick).attr('fill', 'currentColor').text(`↑ ${m.yAxis}`);

  const [d0, d1] = x.domain() as [number, number];
  svg.append('line').attr('class', 'diagonal').attr('x1', x(d0)).attr('y1', y(d0)).attr('x2', x(d1)).attr('y2', y(d1))
    .attr('stroke', roles.muted).attr('stroke-width', 1.5).attr('stroke-dasharray', '6 4');
  // The reference is named in words on the line itself, not by its colour or dash alone.
  svg.append('text').attr('class', 'diagonal-label').attr('x', x(d1) - 4).attr('y', y(d1) + 18).attr('text-anchor', 'end')
    .attr('font-size', textSizes.tick).attr('fill', roles.muted).text(m.diagonal);

  svg.append('g').attr('class', 'points').selectAll('circle').data(bins).join('circle')
    .attr('class', 'bin mark').attr('cx', (b) => x(b.predicted)).attr('cy', (b) => y(b.observed)).attr('r', (b) => r(b.n))
    .attr('fill', roles.lowers).attr('fill-opacity', 0.85).attr('stroke', '#ffffff').attr('stroke-width', 1.5)
    .attr('data-n', (b) => b.n);

  const marks = bins.map((b) => ({
    label: fill(m.mark, { lo: p1(b.p_min, o.locale), hi: p1(b.p_max, o.locale), n: formatNumber(b.n, o.locale, 0), predicted: p1(b.predicted, o.locale), observed: p1(b.observed, o.locale), k: formatNumber(b.n_defaulted, o.locale, 0) }),
    x: x(b.predicted) - r(b.n), y: y(b.observed) - r(b.n), width: 2 * r(b.n), height: 2 * r(b.n),
  }));
  attachKeyboardNavigation(svgEl, marks, o.announce, 0);
}

export const reliabilityChart: ChartModule<Calibration, typeof defaults> = { defaults, draw, headline, describe, table };
