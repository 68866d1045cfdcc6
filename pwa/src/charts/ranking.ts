/**
 * Ranking of clients by one measure (most previous applications, highest income, ...): one bar per
 * client, longest first, filled by decision (refused hatched, so not by colour alone). Click, Enter
 * or Space on a bar opens that client.
 */
import type { Decision } from '../api/types.js';
import { formatPercent } from '../i18n/format.js';
import { fill, messages, type Locale } from '../i18n/messages.js';
import { decisionLabel } from './decision.js';
import { mergeOptions } from './frame.js';
import { drawHBars, type HBar } from './hbars.js';
import { attachKeyboardNavigation } from './keyboard.js';
import { roles } from './palette.js';
import type { BaseOptions, ChartModule, TableData } from './types.js';

export interface RankingRow {
  id: number;
  value: number;
  probability: number;
  decision: Decision;
}

export interface RankingData {
  measureLabel: string;
  /** Formats a value with its unit ("12", "250 000 €"). */
  format: (value: number, locale: Locale) => string;
  rows: RankingRow[];
}

export const defaults: BaseOptions & { rowHeight: number; onOpen?: (id: number) => void } = {
  width: 640,
  height: 0,
  locale: 'fr',
  rowHeight: 30,
};

export function headline(data: RankingData, locale: Locale): string {
  const m = messages(locale).explore.ranking;
  if (data.rows.length === 0) return fill(m.headlineNone, { measure: data.measureLabel });
  return fill(m.headline, { n: data.rows.length, measure: data.measureLabel });
}

export function describe(data: RankingData, locale: Locale): string {
  const m = messages(locale).explore.ranking;
  const first = data.rows[0];
  if (!first) return fill(m.headlineNone, { measure: data.measureLabel });
  return fill(m.describe, { n: data.rows.length, measure: data.measureLabel, id: first.id, value: data.format(first.value, locale) });
}

export function table(data: RankingData, locale: Locale): TableData {
  const m = messages(locale).explore.ranking;
  return {
    columns: [m.colRank, m.colId, data.measureLabel, messages(locale).explore.columns.probability, m.colDecision],
    rows: data.rows.map((r, i) => [String(i + 1), String(r.id), data.format(r.value, locale), formatPercent(r.probability, locale), decisionLabel(r.decision, locale)]),
    links: data.rows.map((r) => ({ column: 1, href: `#/clients/${r.id}` })),
  };
}

export function markLabel(data: RankingData, row: RankingRow, locale: Locale): string {
  return fill(messages(locale).explore.ranking.mark, {
    id: row.id, measure: data.measureLabel, value: data.format(row.value, locale),
    p: formatPercent(row.probability, locale), decision: decisionLabel(row.decision, locale),
  });
}

export function draw(svgEl: SVGSVGElement, data: RankingData, options?: Partial<typeof defaults>): void {
  const o = mergeOptions(defaults, options);
  const m = messages(o.locale).explore.ranking;
  const bars: HBar[] = data.rows.map((r) => ({
    label: `${m.colId} ${r.id}`,
    value: r.value,
    valueText: `${data.format(r.value, o.locale)} · ${decisionLabel(r.decision, o.locale)}`,
    fill: r.decision === 'refused' ? roles.raises : roles.lowers,
    stroke: r.decision === 'refused' ? roles.raises : roles.lowers,
    hatched: r.decision === 'refused',
    className: `rank ${r.decision}`,
    markLabel: markLabel(data, r, o.locale),
  }));
  // "Client 123456" is at most 14 characters: the label column never needs to abbreviate.
  const marks = drawHBars(svgEl, bars, {
    width: o.width, rowHeight: o.rowHeight, labelWidth: 130, labelChars: 20,
    axisLabel: fill(m.axis, { measure: data.measureLabel }), locale: o.locale, ariaLabel: describe(data, o.locale),
  });
  const open = o.onOpen;
  if (open) {
    svgEl.querySelectorAll<SVGRectElement>('rect.bar').forEach((rect, i) => {
      rect.style.cursor = 'pointer';
      rect.addEventListener('click', () => open(data.rows[i]!.id));
    });
  }
  attachKeyboardNavigation(svgEl, marks, o.announce, 0, open ? (i) => open(data.rows[i]!.id) : undefined);
}

export const rankingChart: ChartModule<RankingData, typeof defaults> = { defaults, draw, headline, describe, table };
