/** Confusion matrix at the chosen threshold: counts, row shares, and correct/error marked by symbol. */
import type { Confusion } from '../api/types.js';
import { formatNumber, formatPercent } from '../i18n/format.js';
import { fill, messages, type Locale } from '../i18n/messages.js';
import { charWidth, mergeOptions, prepareSvg, textSizes, wrapLines, writeLines } from './frame.js';
import { attachKeyboardNavigation, type FocusMark } from './keyboard.js';
import { roles } from './palette.js';
import type { BaseOptions, ChartModule, TableData } from './types.js';

export type ConfusionData = Confusion;

export const defaults: BaseOptions = { width: 520, height: 300, locale: 'fr' };

type CellKey = 'tn' | 'fp' | 'fn' | 'tp';

interface Cell {
  key: CellKey;
  row: 0 | 1;
  col: 0 | 1;
  count: number;
  share: number;
  correct: boolean;
}

export function rates(d: ConfusionData) {
  const pos = d.tp + d.fn;
  const neg = d.tn + d.fp;
  return { pos, neg, n: pos + neg, recall: pos ? d.tp / pos : 0, fpr: neg ? d.fp / neg : 0 };
}

export function cells(d: ConfusionData): Cell[] {
  const { pos, neg } = rates(d);
  const share = (n: number, total: number) => (total ? n / total : 0);
  return [
    { key: 'tn', row: 0, col: 0, count: d.tn, share: share(d.tn, neg), correct: true },
    { key: 'fp', row: 0, col: 1, count: d.fp, share: share(d.fp, neg), correct: false },
    { key: 'fn', row: 1, col: 0, count: d.fn, share: share(d.fn, pos), correct: false },
    { key: 'tp', row: 1, col: 1, count: d.tp, share: share(d.tp, pos), correct: true },
  ];
}

export function headline(d: ConfusionData, locale: Locale): string {
  return fill(messages(locale).charts.confusion.headline, { recall: formatPercent(rates(d).recall, locale, 0) });
}

export function describe(d: ConfusionData, locale: Locale): string {
  const r = rates(d);
  const n = (v: number) => formatNumber(v, locale, 0);
  return fill(messages(locale).charts.confusion.describe, {
    n: n(r.n), recall: formatPercent(r.recall, locale, 0), tp: n(d.tp), pos: n(r.pos), fpr: formatPercent(r.fpr, locale, 0), fp: n(d.fp), neg: n(r.neg), fn: n(d.fn),
  });
}

export function table(d: ConfusionData, locale: Locale): TableData {
  const m = messages(locale).charts.confusion;
  return {
    columns: [m.colCell, m.colCount, m.colShare],
    rows: cells(d).map((c) => [m[c.key], formatNumber(c.count, locale, 0), formatPercent(c.share, locale)]),
  };
}

export function draw(svgEl: SVGSVGElement, d: ConfusionData, options?: Partial<typeof defaults>): void {
  const o = mergeOptions(defaults, options);
  const m = messages(o.locale).charts.confusion;
  const svg = prepareSvg(svgEl, o.width, o.height, describe(d, o.locale));
  const left = Math.min(150, o.width * 0.3);
  const top = 56;
  const cw = (o.width - left - 10) / 2;
  const ch = (o.height - top - 10) / 2;

  svg.append('text').attr('x', left + cw).attr('y', 16).attr('text-anchor', 'middle').attr('font-size', textSizes.tick).attr('font-weight', 700).attr('fill', 'currentColor').text(m.predicted);
  [m.granted, m.refused].forEach((t, i) =>
    svg.append('text').attr('x', left + cw * (i + 0.5)).attr('y', top - 12).attr('text-anchor', 'middle').attr('font-size', textSizes.label).attr('fill', 'currentColor').text(t));
  svg.append('text').attr('x', 4).attr('y', top - 12).attr('font-size', textSizes.tick).attr('font-weight', 700).attr('fill', 'currentColor').text(m.actual);
  // Row labels wrap in the left column on narrow screens ("A remboursé" on two lines), never cut.
  const rowChars = Math.max(6, Math.floor((left - 14) / charWidth(textSizes.label)));
  [m.repaid, m.defaulted].forEach((t, i) => {
    const label = svg.append('text').attr('x', left - 10).attr('y', top + ch * (i + 0.5)).attr('text-anchor', 'end').attr('font-size', textSizes.label).attr('fill', 'currentColor');
    writeLines(label, wrapLines(t, rowChars), left - 10, 16);
  });

  const marks: FocusMark[] = [];
  for (const c of cells(d)) {
    const x = left + c.col * cw;
    const y = top + c.row * ch;
    const g = svg.append('g').attr('class', `cell ${c.key} ${c.correct ? 'correct' : 'error'}`);
    g.append('rect').attr('class', 'mark').attr('x', x + 2).attr('y', y + 2).attr('width', cw - 4).attr('height', ch - 4).attr('rx', 4)
      .attr('fill', c.correct ? '#e8f1f8' : '#fbeee6').attr('stroke', c.correct ? roles.lowers : roles.raises).attr('stroke-width', 2);
    g.append('text').attr('x', x + cw / 2).attr('y', y + ch / 2 - 22).attr('text-anchor', 'middle').attr('font-size', textSizes.label).attr('fill', 'currentColor')
      .text(`${c.correct ? '✓' : '✗'} ${m[c.key]}`);
    g.append('text').attr('class', 'count').attr('x', x + cw / 2).attr('y', y + ch / 2 + 8).attr('text-anchor', 'middle').attr('font-size', 24).attr('font-weight', 700).attr('fill', 'currentColor')
      .text(formatNumber(c.count, o.locale, 0));
    g.append('text').attr('x', x + cw / 2).attr('y', y + ch / 2 + 30).attr('text-anchor', 'middle').attr('font-size', textSizes.tick).attr('fill', 'currentColor')
      .text(formatPercent(c.share, o.locale));
    marks.push({
      label: fill(m.mark, { name: m[c.key], n: formatNumber(c.count, o.locale, 0), share: formatPercent(c.share, o.locale), kind: c.correct ? m.correct : m.error }),
      x: x + 2, y: y + 2, width: cw - 4, height: ch - 4,
    });
  }
  attachKeyboardNavigation(svgEl, marks, o.announce);
}

export const confusionChart: ChartModule<ConfusionData, typeof defaults> = { defaults, draw, headline, describe, table };
