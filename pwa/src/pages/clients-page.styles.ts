import { css } from 'lit';
import { tokens } from '../styles/shared.js';

export const clientsStyles = [tokens, css`
  :host { display: block; }
  .filters { display: flex; flex-wrap: wrap; gap: 1rem 1.5rem; align-items: flex-start; margin-bottom: 1rem; }
  fieldset { border: 0; border-left: 1px solid var(--pad-border); margin: 0; padding: 0 0 0 1.5rem; display: flex; flex-wrap: wrap; gap: 0.75rem 1rem; align-items: flex-end; }
  legend { font-weight: 700; font-size: 0.9rem; padding: 0; margin-bottom: 0.35rem; float: left; width: 100%; }
  .field.search input { width: 12rem; }
  .field { display: flex; flex-direction: column; gap: 0.25rem; }
  .field.small input { width: 6rem; }
  @media (max-width: 900px) { fieldset { border-left: 0; padding-left: 0; } }
  .hint { font-size: 0.85rem; }
  .error { color: #a4262c; font-size: 0.85rem; }
  input[aria-invalid='true'] { border-color: #a4262c; border-width: 2px; }
  .grid-head { display: flex; justify-content: space-between; align-items: baseline; flex-wrap: wrap; gap: 0.5rem; }
  .count { font-weight: 700; margin: 0.25rem 0; }
  vaadin-grid {
    height: max(420px, calc(100vh - 420px));
    --vaadin-grid-header-font-weight: 700;
    --vaadin-grid-header-text-color: var(--pad-ink);
    --vaadin-text-color: var(--pad-ink);
    --vaadin-text-color-secondary: var(--pad-muted);
    --vaadin-focus-ring-color: var(--pad-focus);
    --vaadin-focus-ring-width: 3px;
    --vaadin-grid-row-odd-background-color: #f7f9fb;
    --vaadin-grid-row-hover-background-color: #eaf1f8;
    --vaadin-grid-border-color: var(--pad-border);
    border: 1px solid var(--pad-border);
    border-radius: var(--pad-radius);
    background: var(--pad-surface);
    font-size: 0.95rem;
  }
  .badge { font-size: 0.85rem; }
  /* The explorer arrives after the grid: its place is kept so nothing below it jumps. */
  book-explorer, .explorer-slot { display: block; min-height: 60rem; }
  .explorer-slot { margin-top: 2rem; }
`];
