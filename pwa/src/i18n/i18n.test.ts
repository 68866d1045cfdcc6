import { describe, expect, it, vi } from 'vitest';
import { en } from './en.js';
import { formatDateTime, formatPercent, formatPoints, formatSigned, formatTick, formatValue } from './format.js';
import { fr } from './fr.js';
import { getLocale, onLocaleChange, setLocale } from './i18n.js';
import { fill, messages } from './messages.js';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  it('has the same keys and the same placeholders in French and English', () => {
    const f = leaves(fr as unknown as Tree);
    const e = leaves(en as unknown as Tree);
    expect([...e.keys()].sort()).toEqual([...f.keys()].sort());
    for (const [key, text] of f) expect(placeholders(e.get(key)!), key).toEqual(placeholders(text));
  });

  it('translates the interface chrome (no French string left in English)', () => {
    const e = leaves(en as unknown as Tree);
    const f = leaves(fr as unknown as Tree);
    const same = [...f].filter(([k, v]) => e.get(k) === v && /[a-zà-ÿ]{4,}/i.test(v)).map(([k]) => k);
    // Words spelt the same in both languages, and the product name.
    const allowed = [
      'app.name', 'app.nav.clients', 'units.pointsLong', 'clients.title', 'client.title', 'reviewed.columns.id', 'reviewed.columns.actions',
      'model.version', 'charts.waterfall.colShap', 'charts.scatter.colId', 'charts.confusion.correct', 'charts.confusion.colCount',
      'charts.fairness.colN', 'charts.reliability.colN', 'charts.drift.stable', 'explore.ranking.colId', 'explore.points.colId', 'explore.ranking.axis', 'explore.glossary.items.4.0', 'explore.glossary.items.6.0', 'explore.glossary.items.9.0',
    ];
    expect(same.filter((k) => !allowed.includes(k))).toEqual([]);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill('Client {id} ({x})', { id: 7 })).toBe('Client 7 ({x})');
    expect(messages('en').app.nav.reviewed).toBe('Reviewed');
  });

  it('formats numbers the French and the English way', () => {
    expect(formatPercent(0.1234, 'fr')).toBe('12,3\u00a0%');
    expect(formatPercent(0.1234, 'en')).toBe('12.3%');
    expect(formatSigned(0.5, 'en')).toBe('+0.50');
    expect(formatPoints(-0.027, 'fr')).toBe('2,7');
    expect(formatValue(1234567, 'fr')).toBe('1\u202f234\u202f567');
    expect(formatValue(0.012345, 'en')).toBe('0.0123');
    expect(formatTick(0.0995, 'en')).toBe('0.1');
    expect(formatTick(1293503, 'en')).toBe('1.3m');
    expect(formatTick(1293503, 'fr')).toBe('1,3\u00a0M');
    expect(formatDateTime('not a date', 'fr')).toBe('not a date');
  });

  it('switches language, remembers it and tells subscribers', () => {
    const heard: string[] = [];
    const off = onLocaleChange((l) => heard.push(l));
    setLocale('en');
    expect(getLocale()).toBe('en');
    expect(localStorage.getItem('pad.locale')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    setLocale('en');
    setLocale('fr');
    off();
    setLocale('en');
    setLocale('fr');
    expect(heard).toEqual(['en', 'fr']);
  });

  it('keeps English out of the first load: its dictionary is there only once loaded', async () => {
    vi.resetModules();
    const fresh = await import('./messages.js');
    expect(fresh.hasMessages('fr')).toBe(true);
    expect(fresh.hasMessages('en')).toBe(false);
    expect(() => fresh.messages('en')).toThrow(/before loadMessages\('en'\)/);
    await fresh.loadMessages('en');
    expect(fresh.messages('en').app.langToggle).toBe('Français');
  });
});
