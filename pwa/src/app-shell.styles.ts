import { css } from 'lit';
import { tokens } from './styles/shared.js';

/** Document-level styles: app-shell renders in the light DOM. */
export const appStyles = [tokens, css`
  app-shell { display: flex; flex-direction: column; min-height: 100vh; background: var(--pad-canvas); }
  .skip-link {
    position: absolute; left: 0.5rem; top: -3rem; z-index: 10; background: var(--pad-accent); color: #fff;
    padding: 0.5rem 1rem; border-radius: var(--pad-radius); font-weight: 700;
  }
  .skip-link:focus { top: 0.5rem; }
  header {
    display: flex; align-items: center; gap: 1rem 1.5rem; flex-wrap: wrap;
    padding: 0.6rem 1.5rem; background: #0b3d5c; color: #fff;
  }
  .brand { display: flex; align-items: center; gap: 0.6rem; }
  .logo { width: 32px; height: 32px; flex: none; }
  .name { font-weight: 700; font-size: 1.15rem; letter-spacing: 0.01em; }
  /* The connection line has a row of its own: its texts change once the API answers (last sync, model
     version), and sharing a row with the session made the whole header re-wrap, shifting the page. */
  .session { margin-left: auto; display: flex; align-items: center; gap: 0.5rem 1rem; flex-wrap: wrap; }
  .status { order: 1; flex-basis: 100%; display: flex; align-items: center; gap: 0.4rem 1rem; flex-wrap: wrap; font-size: 0.9rem; }
  .pill { display: inline-flex; gap: 0.35rem; align-items: center; padding: 0.1rem 0.6rem; border-radius: 999px; font-weight: 700; background: #fff; }
  .pill.online { color: #0a5c36; }
  .pill.offline { color: #8a2e00; }
  .pill.api-down { color: #8a2e00; }
  .lang { background: transparent; color: #fff; border-color: #fff; }
  .lang:hover { background: #145277; }
  header :focus-visible { outline-color: #ffd166; }
  nav { background: var(--pad-surface); border-bottom: 1px solid var(--pad-border); padding: 0 1.5rem; }
  nav ul { list-style: none; margin: 0; padding: 0; display: flex; gap: 0.25rem; flex-wrap: wrap; }
  nav a {
    display: inline-block; padding: 0.7rem 1rem; text-decoration: none; color: var(--pad-ink); font-weight: 600;
    border-bottom: 3px solid transparent;
  }
  nav a:hover { background: #eef2f6; }
  nav a[aria-current='page'] { border-bottom-color: var(--pad-accent); color: var(--pad-accent); }
  .banner { padding: 0.6rem 1rem; margin-bottom: 1rem; font-weight: 600; border: 1px solid var(--pad-border); border-radius: var(--pad-radius); }
  .banner.offline { background: #fff4d6; color: #5c3b00; border-left: 6px solid #b26b00; }
  .banner.api-down { background: #fdf1e8; color: #6e2a00; border-left: 6px solid var(--pad-raise); }
  /* At least a screen high: the footer starts below the fold, so a page growing as its data arrives
     does not push a visible footer down (a layout shift). */
  main { flex: 1; width: 100%; max-width: 1280px; min-height: 100vh; margin: 0 auto; padding: 1.25rem 1.5rem 2rem; box-sizing: border-box; }
  main:focus { outline: none; }
  footer { padding: 0.8rem 1.5rem; font-size: 0.85rem; color: var(--pad-muted); border-top: 1px solid var(--pad-border); background: var(--pad-surface); }
  footer p { margin: 0; }
  @media (forced-colors: active) {
    .pill { border: 1px solid CanvasText; }
    nav a[aria-current='page'] { border-bottom-color: Highlight; }
  }
  @media print {
    app-shell { background: #fff; }
    .skip-link, header, nav, .banner, footer { display: none; }
    main { padding: 0; max-width: none; min-height: 0; }
  }
`];
