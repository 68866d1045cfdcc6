/** Shared SVG plumbing for the chart functions: sizing, labelling, patterns, options. */
import { select, type Selection } from 'd3-selection';

export type Svg = Selection<SVGSVGElement, unknown, null, undefined>;
export type Group = Selection<SVGGElement, unknown, null, undefined>;

export const textSizes = { tick: 13, label: 14, value: 13, big: 30 } as const;

/** Options over defaults, ignoring keys explicitly set to undefined. */
export function mergeOptions<O extends object>(defaults: O, options?: Partial<O>): O {
  const merged = { ...defaults };
  for (const [key, value] of Object.entries(options ?? {})) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** Clear the svg and set its size and accessible name (role="img" + aria-label). */
export function prepareSvg(svg: SVGSVGElement, width: number, height: number, label: string): Svg {
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('class', 'chart');
  return select(svg);
}

let counter = 0;
/** Unique id for defs (patterns) so two charts in one shadow root never collide. */
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** Diagonal hatching on white: a fill that does not rely on colour alone. */
export function addHatch(svg: Svg, color: string): string {
  const id = uid('hatch');
  const pattern = svg
    .append('defs')
    .append('pattern')
    .attr('id', id)
    .attr('patternUnits', 'userSpaceOnUse')
    .attr('width', 6)
    .attr('height', 6)
    .attr('patternTransform', 'rotate(45)');
  pattern.append('rect').attr('width', 6).attr('height', 6).attr('fill', '#ffffff');
  pattern.append('line').attr('x1', 0).attr('y1', 0).attr('x2', 0).attr('y2', 6).attr('stroke', color).attr('stroke-width', 3);
  return `url(#${id})`;
}

/** Shorten long labels for the axis; the full text stays in the table and the announcements. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}

/** d3-axis sets 10px text; charts need >= 12px and the current text colour. */
export function styleAxis(axis: Group, fontSize: number = textSizes.tick): void {
  axis.attr('font-size', fontSize).attr('font-family', 'inherit').attr('class', 'axis');
}

/** Average advance of a character at `fontSize` px in the UI font (estimate: no layout engine in tests). */
export function charWidth(fontSize: number): number {
  return fontSize * 0.6;
}

/**
 * Greedy word wrap into lines of at most `maxChars` characters. Labels are wrapped, never cut:
 * a word longer than a line keeps a line of its own.
 */
export function wrapLines(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** Write `lines` as tspans of one <text>, the block centred vertically on the text's y. */
export function writeLines(text: Selection<SVGTextElement, unknown, null, undefined>, lines: string[], x: number, lineHeight: number): void {
  const first = -((lines.length - 1) * lineHeight) / 2;
  lines.forEach((line, i) => {
    text.append('tspan').attr('x', x).attr('dy', i === 0 ? first + lineHeight * 0.35 : lineHeight).text(line);
  });
}
