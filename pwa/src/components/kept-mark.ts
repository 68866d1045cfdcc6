/** The mark of a client kept on this workstation (prepared or reviewed), with "stale" when another model made the copy. */
import { css, html } from 'lit';
import { offlineText } from '../i18n/offline-text.js';
import type { KeptEntry } from '../offline/kept-copies.js';

/** The mark's words (also what a screen reader reads): the symbol is decoration. */
export function keptMarkText(entry: Pick<KeptEntry, 'kind' | 'stale' | 'modelVersion'>): string {
  const t = offlineText();
  const kind = entry.kind === 'prepared' ? t.prepared : t.reviewed;
  return entry.stale ? `${kind}, ${t.stale.replace('{version}', entry.modelVersion)}` : kind;
}

export function keptMark(entry: Pick<KeptEntry, 'kind' | 'stale' | 'modelVersion'>) {
  return html`<span class="kept ${entry.kind}${entry.stale ? ' stale' : ''}" data-kept=${entry.kind}><span aria-hidden="true">${entry.stale ? '⚠' : '⤓'}</span> ${keptMarkText(entry)}</span>`;
}

export const keptMarkStyles = css`
  .kept { display: inline-block; font-size: 0.85rem; padding: 0 0.35rem; border: 1px solid #0072b2; border-radius: 4px; color: #00466e; background: #eef6fb; }
  .kept.stale { border-color: #8a5a00; color: #5c3c00; background: #fff4ce; }
`;
