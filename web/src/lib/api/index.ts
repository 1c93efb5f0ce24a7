/**
 * Small typed wrapper around fetch for the same-origin API. Every failure
 * becomes an ApiError carrying the server's stable code, its Chinese message
 * and, for form errors, a field → message map.
 */

import type { components } from './schema';

export type ErrorBody = components['schemas']['ErrorBody'];
/** A code the API can answer with, or one the client makes up for transport failures. */
export type ErrorCode = components['schemas']['ErrorCode'] | 'NETWORK' | 'HTTP_ERROR';

interface Issue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly details: unknown;
  /** Messages keyed by body field ("email", "rules.reviewWeights", "phases.final.end"). */
  readonly fieldErrors: Record<string, string>;

  constructor(status: number, code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.fieldErrors = fieldErrorsOf(message, details);
  }
}

/** Maps `details.issues[].path` ("body.email") and `details.field` to form fields. */
function fieldErrorsOf(message: string, details: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!details || typeof details !== 'object') return out;
  const d = details as { issues?: Issue[]; field?: string };
  if (Array.isArray(d.issues)) {
    for (const issue of d.issues) {
      if (typeof issue?.path !== 'string') continue;
      const field = issue.path.replace(/^(body|querystring|params)\.?/, '');
      if (field && !(field in out)) out[field] = issue.message;
    }
  }
  if (typeof d.field === 'string' && !(d.field in out)) out[d.field] = message;
  return out;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  /** SvelteKit's `fetch` inside load functions. */
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

export async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(withQuery(path, options.query), {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }

  if (!response.ok) throw errorOf(response.status, data);
  return data as T;
}

/** The ApiError for a failed response's status and parsed body. */
export function errorOf(status: number, data: unknown): ApiError {
  const err = (data as Partial<ErrorBody> | undefined)?.error;
  if (err && typeof err.code === 'string') return new ApiError(status, err.code, err.message, err.details);
  if (status === 413) return new ApiError(status, 'PAYLOAD_TOO_LARGE', '文件过大，服务器拒绝接收');
  return new ApiError(status, 'HTTP_ERROR', `服务器暂时无法处理请求（${status}），请稍后重试`);
}

export interface UploadOptions {
  /** Called with the fraction sent (0…1) while the body is uploaded. */
  onprogress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * POSTs multipart form data with upload progress (fetch cannot report it), answering
 * like `request`: the parsed JSON, or an ApiError with the server's code and message.
 */
export function upload<T>(path: string, form: FormData, options: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onprogress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      let data: unknown = undefined;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T);
      else reject(errorOf(xhr.status, data));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', '上传中断，请检查网络后重试'));
    xhr.onabort = () => reject(new DOMException('上传已取消', 'AbortError'));
    if (options.signal) {
      if (options.signal.aborted) return xhr.abort();
      options.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    xhr.send(form);
  });
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body ?? {}, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  del: <T = void>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
};

/** The message to show for any thrown value. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return '操作失败，请稍后重试';
}

/**
 * Splits an error into messages for known form fields and one general
 * message for the rest (shown above the form).
 */
export function splitFormError(error: unknown, fields: readonly string[]): { fields: Record<string, string>; general: string } {
  if (!(error instanceof ApiError)) return { fields: {}, general: messageOf(error) };
  const owner = (key: string) => fields.find((f) => key === f || key.startsWith(`${f}.`));
  const matched: Record<string, string> = {};
  const unmatched: string[] = [];
  for (const [key, message] of Object.entries(error.fieldErrors)) {
    const field = owner(key);
    if (field) {
      if (!(field in matched)) matched[field] = message;
    } else unmatched.push(message);
  }
  let general = '';
  if (Object.keys(error.fieldErrors).length === 0) general = error.message;
  else if (unmatched.length > 0) general = `提交的内容有误：${unmatched.join('；')}`;
  return { fields: matched, general };
}
