/** Legends that wrap onto new lines instead of running off the chart. */
import { textSizes, wrapLines, type Group, type Svg } from './frame.js';

export interface LegendItem {
  text: string;
  /** Draws the swatch centred on (0, 0), about 14px wide. */
  swatch: (g: Group) => void;
}

export const defaults = { charWidth: 7.4, swatchWidth: 18, gap: 18, lineHeight: 20 };

/** Width estimate of a label at the tick size (no layout engine in tests or workers). */
export function textWidth(text: string): number {
  return text.length * defaults.charWidth;
}

/** Lines of one legend text: an item wider than the legend wraps onto lines of its own. */
export function legendLines(text: string, width: number): string[] {
  return wrapLines(text, Math.max(6, Math.floor((width - defaults.swatchWidth) / defaults.charWidth)));
}

/** Line-wrapped positions of legend items within `width`. */
export function layoutLegend(texts: string[], width: number): { x: number; y: number }[] {
  let x = 0;
  let y = 0;
  return texts.map((text) => {
    const lines = legendLines(text, width);
    const w = defaults.swatchWidth + Math.max(...lines.map(textWidth));
    if (x > 0 && x + w > width) {
      x = 0;
      y += defaults.lineHeight;
    }
    const pos = { x, y };
    x += w + defaults.gap;
    if (lines.length > 1) {
      // A wrapped item takes whole lines: the next item starts below it.
      y += (lines.length - 1) * defaults.lineHeight;
      x = width;
    }
    return pos;
  });
}

/** Draw the legend at (left, top); returns its height. */
export function drawLegend(svg: Svg, items: LegendItem[], left: number, top: number, width: number): number {
  const positions = layoutLegend(items.map((i) => i.text), width);
  const legend = svg.append('g').attr('class', 'legend').attr('transform', `translate(${left},${top})`);
  items.forEach((item, i) => {
    const { x, y } = positions[i]!;
    const g = legend.append('g').attr('transform', `translate(${x + 7},${y})`);
    item.swatch(g);
    const text = legend.append('text').attr('y', y).attr('font-size', textSizes.tick).attr('fill', 'currentColor');
    const lines = legendLines(item.text, width);
    lines.forEach((line, k) => text.append('tspan').attr('x', x + defaults.swatchWidth).attr('dy', k === 0 ? '0.35em' : defaults.lineHeight).text(line));
  });
  const lastY = positions.length ? positions[positions.length - 1]!.y : 0;
  const lastLines = items.length ? legendLines(items[items.length - 1]!.text, width).length : 1;
  return lastY + lastLines * defaults.lineHeight;
}
