/** The application schema, fetched once per session (it changes only with the model). */
import type { ApplicationSchema } from '../api/application-types.js';
import type { Fetched } from '../api/client.js';
import { memo, services } from '../services.js';

let load: (() => Promise<Fetched<ApplicationSchema>>) | undefined;

export function applicationSchema(): Promise<Fetched<ApplicationSchema>> {
  load ??= memo(() => services().api.applicationSchema());
  return load();
}
