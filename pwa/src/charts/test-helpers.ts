/** Tiny helpers for chart tests (not shipped: only imported by *.test.ts). */
export function newSvg(): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  document.body.appendChild(svg);
  return svg;
}

export function press(svg: SVGSVGElement, ...keys: string[]): void {
  svg.dispatchEvent(new Event('focus'));
  for (const key of keys) svg.dispatchEvent(new KeyboardEvent('keydown', { key, cancelable: true }));
}

export function attrs(svg: SVGSVGElement, selector: string, name: string): string[] {
  return Array.from(svg.querySelectorAll(selector)).map((el) => el.getAttribute(name) ?? '');
}
