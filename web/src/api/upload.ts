// Uploads with progress (fetch cannot report upload progress; XMLHttpRequest can).
import {
  type Answer,
  type Body,
  buildUrl,
  failure,
  type Op,
  type PathOf,
  toFormData,
  unsafeHeaders,
} from './client.ts';
import { ApiError } from './errors.ts';

export interface UploadOptions<P extends PathOf<'post'>> {
  path?: Op<P, 'post'>['path'];
  /** `multipart` (default; files become form parts) or `json` (a file read into a string field). */
  encoding?: 'multipart' | 'json';
  /** Called with 0…1 as the bytes leave the browser. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export function upload<P extends PathOf<'post'>>(
  route: P,
  body: NonNullable<Body<P, 'post'>>,
  options: UploadOptions<P> = {},
): Promise<Answer<P, 'post'>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(route, options.path));
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    for (const [k, v] of Object.entries(unsafeHeaders('POST'))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) options.onProgress?.(e.loaded / e.total);
    };
    xhr.onerror = () => reject(ApiError.network());
    xhr.onabort = () => reject(new DOMException('upload aborted', 'AbortError'));
    xhr.onload = () => {
      const res = new Response(xhr.responseText || null, {
        status: xhr.status,
        headers: { 'content-type': xhr.getResponseHeader('content-type') ?? '' },
      });
      if (!res.ok) {
        failure(res).catch(reject);
        return;
      }
      options.onProgress?.(1);
      res.json().then(resolve, () => reject(ApiError.fromBody(xhr.status, null)));
    };
    options.signal?.addEventListener('abort', () => xhr.abort());
    if (options.encoding === 'json') {
      xhr.setRequestHeader('content-type', 'application/json');
      xhr.send(JSON.stringify(body));
    } else xhr.send(toFormData(body as object));
  });
}
