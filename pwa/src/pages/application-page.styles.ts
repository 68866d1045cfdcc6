import { css } from 'lit';
import { tokens } from '../styles/shared.js';

export const applicationStyles = [tokens, css`
  :host { display: block; }
  .privacy { margin-bottom: 1rem; }
  section.card, fieldset.section, details.section { margin-bottom: 1.25rem; }
  fieldset.section, details.section { background: var(--pad-surface); border: 1px solid var(--pad-border); border-radius: var(--pad-radius); padding: 0.75rem 1.25rem 1rem; }
  fieldset.section > legend, details.section > summary { font-size: 1.1rem; font-weight: 700; padding: 0 0.25rem; }
  details.section > summary { cursor: pointer; margin-bottom: 0.5rem; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 0.75rem 1.25rem; align-items: start; }
  .field { display: flex; flex-direction: column; gap: 0.25rem; min-width: 0; }
  .field select, .field input[type='text'] { width: 100%; }
  .unit { font-weight: 400; color: var(--pad-muted); }
  .req { color: var(--pad-raise); }
  .hint { font-size: 0.85rem; }
  .check { display: inline-flex; gap: 0.4rem; align-items: center; font-weight: 400; }
  .field-error { color: var(--pad-raise); font-size: 0.9rem; font-weight: 600; margin: 0; }
  .has-error input, .has-error select { border-color: var(--pad-raise); border-width: 2px; }
  fieldset.row { border: 1px dashed var(--pad-border); border-radius: var(--pad-radius); margin: 0 0 0.75rem; padding: 0.5rem 0.75rem 0.75rem; }
  fieldset.row > legend { font-weight: 600; }
  .row-actions { margin-top: 0.5rem; }
  /* A fieldset is at least as wide as its content by default: on a phone the file input pushed the page sideways. */
  fieldset.section { min-width: 0; }
  .import { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; }
  .import label, .import input[type='file'] { min-width: 0; max-width: 100%; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; margin: 1rem 0 1.5rem; }
  .summary { border: 2px solid var(--pad-raise); background: #fdf1e8; border-radius: var(--pad-radius); padding: 0.75rem 1.25rem; margin-bottom: 1rem; }
  .summary h2 { font-size: 1.1rem; }
  .summary ul { margin: 0; padding-left: 1.1rem; }
  .summary button.link { border: 0; background: none; padding: 0; min-height: 0; color: var(--pad-accent); text-decoration: underline; font-weight: 600; }
  @media print { .actions, .import, .privacy { display: none; } }
`];
