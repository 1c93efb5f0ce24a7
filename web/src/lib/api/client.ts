/**
 * The typed API client. Paths, parameters, bodies and answers come from
 * `schema.d.ts`, generated from the API's OpenAPI document (`npm run gen:api`),
 * so a changed response field fails the web's type check until the page follows.
 *
 *   const demand = await ok(client.GET('/api/demands/{id}', { params: { path: { id } }, fetch }));
 *
 * `ok` returns the answer's data or throws the same ApiError as before (server
 * code, Chinese message, field errors). Pass SvelteKit's `fetch` in loaders.
 */
import createClient from 'openapi-fetch';
import { ApiError, errorOf } from './index';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

export const client = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  headers: { accept: 'application/json' },
});

/** The data of a successful answer; throws an ApiError for a failed one or a network failure. */
export async function ok<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await pending;
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  if (result.response.ok) return result.data as T;
  throw errorOf(result.response.status, result.error);
}
