/** Legends that wrap onto new lines instead of running off the chart. */
import { textSizes, type Group, type Svg } from './frame.js';

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

/** Line-wrapped positions of legend items within `width`. */
export function layoutLegend(texts: string[], width: number): { x: number; y: number }[] {
  let x = 0;
  let y = 0;
  return texts.map((text) => {
    const w = defaults.swatchWidth + textWidth(text);
    if (x > 0 && x + w > width) {
      x = 0;
      y += defaults.lineHeight;
    }
    const pos = { x, y };
    x += w + defaults.gap;
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
    legend.append('text').attr('x', x + defaults.swatchWidth).attr('y', y).attr('dy', '0.35em')
      .attr('font-size', textSizes.tick).attr('fill', 'currentColor').text(item.text);
  });
  const lastY = positions.length ? positions[positions.length - 1]!.y : 0;
  return lastY + defaults.lineHeight;
}
