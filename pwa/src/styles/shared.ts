import { css } from 'lit';

/**
 * Design tokens and base rules shared by every shadow root. `app-shell` renders in the light
 * DOM (so the skip link and its target are visible to the whole document), hence its selector here.
 */
export const tokens = css`
  :host, app-shell {
    --pad-ink: #1b2631;
    --pad-muted: #4a5866;
    --pad-surface: #ffffff;
    --pad-canvas: #f4f6f8;
    --pad-border: #c9d1d9;
    --pad-accent: #0b5394;
    --pad-accent-ink: #ffffff;
    --pad-focus: #0b5394;
    --pad-raise: #a63f00;
    --pad-lower: #005a8c;
    --pad-radius: 6px;
    --pad-gap: 1rem;
    color: var(--pad-ink);
    font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
    font-size: 1rem;
    line-height: 1.5;
  }
  *, *::before, *::after { box-sizing: border-box; }
  h1, h2, h3, h4 { line-height: 1.25; margin: 0 0 0.5rem; color: var(--pad-ink); }
  h1 { font-size: 1.6rem; }
  h2 { font-size: 1.25rem; }
  h3 { font-size: 1.05rem; }
  p { margin: 0 0 0.75rem; }
  a { color: var(--pad-accent); }
  :focus-visible { outline: 3px solid var(--pad-focus); outline-offset: 2px; }
  /* Headings receive focus only programmatically, after navigation: no ring needed. */
  h1[tabindex='-1']:focus { outline: none; }
  .sr-only {
    position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  .card {
    background: var(--pad-surface); border: 1px solid var(--pad-border);
    border-radius: var(--pad-radius); padding: 1rem 1.25rem;
  }
  button, .button {
    font: inherit; font-size: 0.95rem; cursor: pointer; border-radius: var(--pad-radius);
    border: 1px solid var(--pad-accent); background: var(--pad-surface); color: var(--pad-accent);
    padding: 0.4rem 0.9rem; min-height: 2.25rem; text-decoration: none; display: inline-flex; align-items: center; gap: 0.4rem;
  }
  button.primary, .button.primary { background: var(--pad-accent); color: var(--pad-accent-ink); }
  button:hover { background: #e8f0f8; }
  button.primary:hover { background: #083d6e; }
  button[disabled] { cursor: not-allowed; opacity: 0.65; }
  input, select {
    font: inherit; font-size: 0.95rem; color: var(--pad-ink); background: var(--pad-surface);
    border: 1px solid #6b7785; border-radius: 4px; padding: 0.35rem 0.5rem; min-height: 2.25rem;
  }
  label { font-size: 0.9rem; font-weight: 600; color: var(--pad-ink); }
  .muted { color: var(--pad-muted); }
  .notice { border-left: 4px solid var(--pad-accent); background: #eef4fa; padding: 0.6rem 0.9rem; border-radius: 4px; }
  .notice.warning { border-left-color: var(--pad-raise); background: #fdf1e8; }
  .badge {
    display: inline-flex; align-items: center; gap: 0.3rem; font-weight: 700; font-size: 0.9rem;
    border-radius: 999px; padding: 0.1rem 0.6rem; border: 2px solid currentColor;
  }
  .badge.refused { color: var(--pad-raise); }
  .badge.granted { color: var(--pad-lower); }
  table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
  th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--pad-border); vertical-align: top; }
  th { font-weight: 700; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  @media (prefers-reduced-motion: reduce) {
    *, *::before, *::after { transition: none !important; animation: none !important; scroll-behavior: auto !important; }
  }
  @media (forced-colors: active) {
    .badge, .card, button { border-color: CanvasText; }
    :focus-visible { outline-color: Highlight; }
  }
`;
