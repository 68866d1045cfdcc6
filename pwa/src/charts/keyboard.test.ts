import { describe, expect, it } from 'vitest';
import { attachKeyboardNavigation, nextIndex } from './keyboard.js';
import { newSvg } from './test-helpers.js';

describe('chart keyboard navigation', () => {
  it('moves within bounds with arrows, Home/End and page keys', () => {
    expect(nextIndex('ArrowRight', 0, 3)).toBe(1);
    expect(nextIndex('ArrowDown', 2, 3)).toBe(2);
    expect(nextIndex('ArrowLeft', 0, 3)).toBe(0);
    expect(nextIndex('End', 0, 30)).toBe(29);
    expect(nextIndex('PageDown', 25, 30)).toBe(29);
    expect(nextIndex('Tab', 0, 3)).toBeNull();
  });

  it('is one tab stop, shows a ring on the active mark and hides it on blur', () => {
    const svg = newSvg();
    const heard: string[] = [];
    attachKeyboardNavigation(svg, [
      { label: 'a', x: 10, y: 10, width: 5, height: 5 },
      { label: 'b', x: 50, y: 10, width: 5, height: 5 },
    ], (m) => heard.push(m));
    expect(svg.getAttribute('tabindex')).toBe('0');
    svg.dispatchEvent(new Event('focus'));
    const key = new KeyboardEvent('keydown', { key: 'ArrowRight', cancelable: true });
    svg.dispatchEvent(key);
    expect(key.defaultPrevented).toBe(true);
    const ring = svg.querySelector('.focus-ring')!;
    expect(ring.querySelector('rect')?.getAttribute('x')).toBe('47');
    expect(heard).toEqual(['a', 'b']);
    svg.dispatchEvent(new Event('blur'));
    expect(ring.getAttribute('visibility')).toBe('hidden');
  });

  it('drops the listeners of a previous drawing and the tab stop when there are no marks', () => {
    const svg = newSvg();
    const heard: string[] = [];
    attachKeyboardNavigation(svg, [{ label: 'old', x: 0, y: 0, width: 1, height: 1 }], (m) => heard.push(m));
    attachKeyboardNavigation(svg, [], (m) => heard.push(m));
    svg.dispatchEvent(new Event('focus'));
    expect(heard).toEqual([]);
    expect(svg.hasAttribute('tabindex')).toBe(false);
  });

  it('sends announcements as a composed event by default', () => {
    const svg = newSvg();
    const got: string[] = [];
    document.addEventListener('chart-announce', (e) => got.push((e as CustomEvent<string>).detail));
    attachKeyboardNavigation(svg, [{ label: 'hello', x: 0, y: 0, width: 1, height: 1 }]);
    svg.dispatchEvent(new Event('focus'));
    expect(got).toContain('hello');
  });
});
