/**
 * The API's application rules (GET /api/projects/material-rules): the application form's parts,
 * fields and length limits, the material categories and which are required, the file types and
 * size limits. Loaded once by the pages that edit or show an application; nothing here is a copy.
 */
import { client, ok } from './api/client';
import type { MaterialRules } from './api/types';

class ApplicationRules {
  current = $state<MaterialRules | null>(null);
  #loading: Promise<MaterialRules> | null = null;

  /** Loads the rules once (SvelteKit's `fetch` in loaders). */
  load(fetchFn: typeof fetch = fetch): Promise<MaterialRules> {
    if (this.current) return Promise.resolve(this.current);
    this.#loading ??= ok(client.GET('/api/projects/material-rules', { fetch: fetchFn })).then(
      (rules) => (this.current = rules),
      (error) => {
        this.#loading = null;
        throw error;
      },
    );
    return this.#loading;
  }
}

export const applicationRules = new ApplicationRules();
