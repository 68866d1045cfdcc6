/** Vitest setup: tests read both languages synchronously, as the app does once a language is loaded. */
import { loadMessages } from './messages.js';

await loadMessages('en');
