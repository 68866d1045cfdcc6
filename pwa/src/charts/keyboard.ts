/**
 * Keyboard access to chart marks. The svg (role="img") is one tab stop; the arrow keys move
 * a visible focus ring over the marks and each mark's text goes to the polite live region.
 * Real focus stays on the svg so no focusable element sits inside role="img".
 */
export interface FocusMark {
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

const controllers = new WeakMap<SVGSVGElement, AbortController>();
const svgNs = 'http://www.w3.org/2000/svg';

/** Default announcer: a composed event the app shell forwards to its single live region. */
export function announceEvent(svg: SVGSVGElement, message: string): void {
  svg.dispatchEvent(new CustomEvent('chart-announce', { detail: message, bubbles: true, composed: true }));
}

/** Index after a key press, or null when the key is not a navigation key. */
export function nextIndex(key: string, index: number, count: number): number | null {
  const last = count - 1;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return Math.min(last, index + 1);
    case 'ArrowLeft':
    case 'ArrowUp':
      return Math.max(0, index - 1);
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'PageDown':
      return Math.min(last, index + 10);
    case 'PageUp':
      return Math.max(0, index - 10);
    default:
      return null;
  }
}

export function attachKeyboardNavigation(
  svg: SVGSVGElement,
  marks: FocusMark[],
  announce: (message: string) => void = (m) => announceEvent(svg, m),
  startIndex = 0,
  /** Enter or Space on the focused mark (e.g. open that client); marks stay passive without it. */
  onActivate?: (index: number) => void,
): void {
  controllers.get(svg)?.abort();
  if (marks.length === 0) {
    svg.removeAttribute('tabindex');
    return;
  }
  const controller = new AbortController();
  controllers.set(svg, controller);
  svg.setAttribute('tabindex', '0');

  const ring = document.createElementNS(svgNs, 'g');
  ring.setAttribute('class', 'focus-ring');
  ring.setAttribute('pointer-events', 'none');
  ring.setAttribute('visibility', 'hidden');
  for (const [stroke, width] of [['#ffffff', 5], ['#000000', 2]] as const) {
    const rect = document.createElementNS(svgNs, 'rect');
    rect.setAttribute('fill', 'none');
    rect.setAttribute('stroke', stroke);
    rect.setAttribute('stroke-width', String(width));
    rect.setAttribute('rx', '3');
    ring.appendChild(rect);
  }
  svg.appendChild(ring);

  let index = Math.min(Math.max(0, startIndex), marks.length - 1);
  const show = () => {
    const mark = marks[index]!;
    const pad = 3;
    for (const rect of Array.from(ring.children)) {
      rect.setAttribute('x', String(mark.x - pad));
      rect.setAttribute('y', String(mark.y - pad));
      rect.setAttribute('width', String(Math.max(4, mark.width + 2 * pad)));
      rect.setAttribute('height', String(Math.max(4, mark.height + 2 * pad)));
    }
    ring.setAttribute('visibility', 'visible');
    svg.setAttribute('data-active-index', String(index));
    announce(mark.label);
  };
  const { signal } = controller;
  svg.addEventListener('focus', show, { signal });
  svg.addEventListener('blur', () => ring.setAttribute('visibility', 'hidden'), { signal });
  svg.addEventListener(
    'keydown',
    (event: KeyboardEvent) => {
      if (onActivate && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault();
        onActivate(index);
        return;
      }
      const next = nextIndex(event.key, index, marks.length);
      if (next === null) return;
      event.preventDefault();
      index = next;
      show();
    },
    { signal },
  );
}
