import { css } from 'lit';
import { tokens } from '../styles/shared.js';

export const clientStyles = [tokens, css`
  :host { display: block; }
  .back { margin: 0 0 0.5rem; }
  .print-title, .report-footer, .print-only { display: none; }
  .toolbar { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; align-items: center; margin-bottom: 1rem; }
  .toolbar p { margin: 0; }
  .freshness.offline-store, .freshness.cache { color: #6e3b00; font-weight: 600; }
  .actions { margin-left: auto; display: flex; gap: 0.5rem; flex-wrap: wrap; }
  .top { display: grid; grid-template-columns: minmax(0, 5fr) minmax(0, 7fr); gap: 1.25rem; margin-bottom: 1.25rem; }
  section.card { margin-bottom: 1.25rem; }
  .top section.card { margin-bottom: 0; }
  .left { display: flex; flex-direction: column; gap: 1.25rem; min-width: 0; }
  .decision { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; font-size: 1.1rem; }
  .phrases { margin: 0; padding-left: 0; list-style: none; }
  .phrases li { padding: 0.25rem 0; border-bottom: 1px solid #e6eaee; }
  .phrases .arrow { display: inline-block; width: 1.2rem; }
  .phrases li.raises .arrow { color: var(--pad-raise); }
  .phrases li.lowers .arrow { color: var(--pad-lower); }
  @media (max-width: 1000px) {
    .top { grid-template-columns: minmax(0, 1fr); }
  }
  @media print {
    /* One A4 page: score and situation side by side, the explanation below, at a reduced zoom. */
    :host { zoom: 0.62; font-size: 10pt; }
    .back, .toolbar .actions, .compare, .what-if, .review, .screen-title, .score chart-figure::part(caption),
    .why chart-figure::part(caption), .why-intro { display: none; }
    .print-title, .report-footer, .print-only { display: block; }
    /* Grouped by direction on paper; the figure's own caption and table toggles stay on screen. */
    .why > .phrases { display: none; }
    /* The grouped reasons are what the applicant reads; the per-input lists stay for older copies without them. */
    .why.has-groups .grouped-reasons, .why.has-groups chart-figure, .why-detail { display: none; }
    reason-groups::part(extra) { display: none; }
    .grouped-reasons ul { list-style: none; padding: 0; margin: 0 0 2mm; }
    .grouped-reasons h3 { font-size: 11pt; margin: 2mm 0 1mm; }
    .next-steps ul { margin: 0 0 2mm; padding-left: 5mm; }
    h1 { font-size: 18pt; margin-bottom: 2mm; }
    .top { grid-template-columns: 1fr; gap: 4mm; }
    .left { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }
    section.card { border: 1px solid #999; break-inside: avoid; padding: 2mm 4mm; margin-bottom: 3mm; }
    .phrases li { padding: 0.1rem 0; }
    .report-footer { font-size: 8pt; color: #333; }
  }
`];
