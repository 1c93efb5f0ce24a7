import { error } from '@sveltejs/kit';
import { ApiError, messageOf } from './index';

/**
 * Runs a loader's API calls and turns a failure into the page SvelteKit shows:
 * a missing or malformed id (404/400) → 404 with `notFound`, a refusal (403) → 403
 * with the server's message, anything else → 503 with the server's message.
 */
export async function loadOr<T>(run: () => Promise<T>, notFound = '页面内容不存在，或您无权查看'): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, notFound);
    if (e instanceof ApiError && e.status === 403) error(403, messageOf(e));
    error(503, messageOf(e));
  }
}
