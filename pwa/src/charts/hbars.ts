/** Labelled horizontal bars, shared by the importance and drift charts. */
import { scaleLinear } from 'd3-scale';
import { formatNumber } from '../i18n/format.js';
import type { Locale } from '../i18n/messages.js';
import { addHatch, charWidth, prepareSvg, textSizes, wrapLines, writeLines } from './frame.js';
import type { FocusMark } from './keyboard.js';
import { roles } from './palette.js';

export interface HBar {
  label: string;
  value: number;
  valueText: string;
  fill: string;
  stroke: string;
  /** Fill with hatching in the stroke colour instead of `fill` (pattern, not only colour). */
  hatched?: boolean;
  className: string;
  markLabel: string;
}

export interface HBarLayout {
  width: number;
  rowHeight: number;
  labelWidth: number;
  labelChars: number;
  axisLabel: string;
  locale: Locale;
  ariaLabel: string;
  /** Optional reference line (e.g. the drift threshold) with its text. */
  reference?: { value: number; text: string };
}

export const layoutDefaults = { lineHeight: 16, rowPadding: 8 };

export function drawHBars(svgEl: SVGSVGElement, bars: HBar[], layout: HBarLayout): FocusMark[] {
  const longest = Math.max(0, ...bars.map((b) => b.valueText.length));
  const axisLines = wrapLines(layout.axisLabel, Math.floor((layout.width - 16) / charWidth(textSizes.tick)));
  const margin = { top: 28, right: 16 + longest * charWidth(textSizes.value), bottom: 26 + axisLines.length * layoutDefaults.lineHeight, left: Math.min(layout.labelWidth, layout.width * 0.45) };
  // Labels wrap to the label column (never cut); a row grows with its lines.
  const chars = Math.max(8, Math.min(layout.labelChars, Math.floor((margin.left - 12) / charWidth(textSizes.label))));
  const lines = bars.map((b) => wrapLines(b.label, chars));
  const heights = lines.map((l) => Math.max(layout.rowHeight, l.length * layoutDefaults.lineHeight + layoutDefaults.rowPadding));
  const tops = heights.map((_, i) => margin.top + heights.slice(0, i).reduce((a, b) => a + b, 0));
  const height = margin.top + margin.bottom + heights.reduce((a, b) => a + b, 0);
  const svg = prepareSvg(svgEl, layout.width, height, layout.ariaLabel);
  const hatches = new Map<string, string>();
  const hatchFor = (color: string) => {
    if (!hatches.has(color)) hatches.set(color, addHatch(svg, color));
    return hatches.get(color)!;
  };
  const max = Math.max(...bars.map((b) => b.value), layout.reference?.value ?? 0, 1e-9);
  const x = scaleLinear().domain([0, max]).nice().range([margin.left, layout.width - margin.right]);
  const bottom = height - margin.bottom;
  const band = (i: number) => ({ top: tops[i]! + heights[i]! * 0.11, h: Math.min(heights[i]! * 0.78, layout.rowHeight * 0.78) });

  for (const tick of x.ticks(4)) {
    svg.append('line').attr('x1', x(tick)).attr('x2', x(tick)).attr('y1', margin.top).attr('y2', bottom).attr('stroke', roles.grid);
    svg.append('text').attr('x', x(tick)).attr('y', bottom + 16).attr('text-anchor', 'middle')
      .attr('font-size', textSizes.tick).attr('fill', 'currentColor').text(formatNumber(tick, layout.locale, 3));
  }
  const axisTitle = svg.append('text').attr('class', 'axis-title').attr('y', bottom + 26 + ((axisLines.length - 1) * layoutDefaults.lineHeight) / 2)
    .attr('text-anchor', 'middle').attr('font-size', textSizes.tick).attr('fill', 'currentColor');
  writeLines(axisTitle, axisLines, layout.width / 2, layoutDefaults.lineHeight);

  const marks: FocusMark[] = [];
  bars.forEach((bar, i) => {
    const { h } = band(i);
    const top = tops[i]! + (heights[i]! - h) / 2;
    const w = Math.max(2, x(bar.value) - x(0));
    const label = svg.append('text').attr('class', 'row-label').attr('x', margin.left - 8).attr('y', top + h / 2).attr('text-anchor', 'end')
      .attr('font-size', textSizes.label).attr('fill', 'currentColor');
    writeLines(label, lines[i]!, margin.left - 8, layoutDefaults.lineHeight);
    svg.append('rect').attr('class', `bar mark ${bar.className}`).attr('x', x(0)).attr('y', top).attr('width', w).attr('height', h)
      .attr('fill', bar.hatched ? hatchFor(bar.stroke) : bar.fill).attr('stroke', bar.stroke).attr('stroke-width', 1.5);
    svg.append('text').attr('class', 'value-label').attr('x', x(0) + w + 6).attr('y', top + h / 2).attr('dy', '0.35em')
      .attr('font-size', textSizes.value).attr('fill', 'currentColor').text(bar.valueText);
    marks.push({ label: bar.markLabel, x: x(0), y: top, width: w, height: h });
  });
  svg.append('line').attr('x1', x(0)).attr('x2', x(0)).attr('y1', margin.top).attr('y2', bottom).attr('stroke', 'currentColor');
  if (layout.reference) {
    const rx = x(layout.reference.value);
    svg.append('line').attr('class', 'reference').attr('x1', rx).attr('x2', rx).attr('y1', margin.top - 6).attr('y2', bottom)
      .attr('stroke', roles.ink).attr('stroke-width', 2).attr('stroke-dasharray', '6 4');
    svg.append('text').attr('class', 'reference-label').attr('x', rx + 4).attr('y', margin.top - 10)
      .attr('font-size', textSizes.tick).attr('fill', 'currentColor').text(layout.reference.text);
  }
  return marks;
}
