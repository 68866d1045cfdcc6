/** Drift of new clients vs training clients: PSI per feature, flagged ones hatched and labelled. */
import { localLabel } from '../i18n/feature-text.js';
import { formatNumber } from '../i18n/format.js';
import { fill, messages, type Locale } from '../i18n/messages.js';
import type { Drift } from '../api/types.js';
import { mergeOptions } from './frame.js';
import { drawHBars } from './hbars.js';
import { attachKeyboardNavigation } from './keyboard.js';
import { roles } from './palette.js';
import type { BaseOptions, ChartModule, TableData } from './types.js';

export type DriftData = Drift & { top: number };

export const defaults: BaseOptions & { rowHeight: number; labelWidth: number; labelChars: number } = {
  width: 640,
  height: 0,
  locale: 'fr',
  rowHeight: 28,
  labelWidth: 260,
  labelChars: 34,
};

function sorted(data: DriftData) {
  return [...data.features].sort((a, b) => b.psi - a.psi);
}

export function headline(data: DriftData, locale: Locale): string {
  const m = messages(locale).charts.drift;
  const k = data.features.filter((f) => f.flagged).length;
  if (k === 0) return m.headlineNone;
  return k === 1 ? m.headlineOne : fill(m.headlineSome, { k });
}

export function describe(data: DriftData, locale: Locale): string {
  const m = messages(locale).charts.drift;
  const worst = sorted(data)[0];
  return fill(m.describe, {
    k: data.features.filter((f) => f.flagged).length,
    n: data.features.length,
    psi: formatNumber(data.psi_threshold, locale, 2),
    ks: formatNumber(data.ks_threshold, locale, 2),
    label: worst ? localLabel(worst, locale) : '',
    v: formatNumber(worst?.psi ?? 0, locale, 3),
  });
}

export function table(data: DriftData, locale: Locale): TableData {
  const m = messages(locale).charts.drift;
  return {
    columns: [m.colFeature, m.colPsi, m.colKs, m.colState],
    rows: sorted(data).map((f) => [localLabel(f, locale), formatNumber(f.psi, locale, 3), formatNumber(f.ks, locale, 3), f.flagged ? m.flagged : m.stable]),
  };
}

export function draw(svgEl: SVGSVGElement, data: DriftData, options?: Partial<typeof defaults>): void {
  const o = mergeOptions(defaults, options);
  const m = messages(o.locale).charts.drift;
  const bars = sorted(data).slice(0, Math.max(1, data.top)).map((f) => {
    // The bars and the dashed line draw the PSI rule: only a bar past that line is hatched and
    // flagged. A feature flagged by its KS alone says so in words, with its own threshold.
    const pastLine = f.psi >= data.psi_threshold;
    const ksOnly = f.flagged && !pastLine;
    const ksText = fill(messages(o.locale).explore.ksOnly, { ks: formatNumber(f.ks, o.locale, 2), t: formatNumber(data.ks_threshold, o.locale, 2) });
    return {
      label: localLabel(f, o.locale),
      value: f.psi,
      valueText: `${formatNumber(f.psi, o.locale, 3)}${pastLine ? ` ⚠ ${m.flagged}` : ksOnly ? ` · ${ksText}` : ''}`,
      fill: roles.lowers,
      hatched: pastLine,
      stroke: pastLine ? roles.raises : roles.lowers,
      className: pastLine ? 'flagged' : ksOnly ? 'flagged-ks' : 'stable',
      markLabel: fill(m.mark, {
        label: localLabel(f, o.locale), psi: formatNumber(f.psi, o.locale, 3), ks: formatNumber(f.ks, o.locale, 3), state: f.flagged ? m.flagged : m.stable,
      }),
    };
  });
  const marks = drawHBars(svgEl, bars, {
    width: o.width, rowHeight: o.rowHeight, labelWidth: o.labelWidth, labelChars: o.labelChars,
    axisLabel: m.axis, ariaLabel: describe(data, o.locale), locale: o.locale,
    reference: { value: data.psi_threshold, text: fill(m.threshold, { v: formatNumber(data.psi_threshold, o.locale, 2) }) },
  });
  attachKeyboardNavigation(svgEl, marks, o.announce);
}

export const driftChart: ChartModule<DriftData, typeof defaults> = { defaults, draw, headline, describe, table };
