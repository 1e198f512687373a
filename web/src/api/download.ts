// Downloads a file answer (xlsx export, template) through fetch, so that errors show as messages
// instead of a page of JSON, and saves it under the server's file name.
import { type Answer, api, type PathOf } from './client.ts';

type BlobPath = {
  [P in PathOf<'get'>]: Answer<P> extends Blob ? P : never;
}[PathOf<'get'>];

export async function downloadFile(path: BlobPath, filename: string, query?: Record<string, string>) {
  // The union of blob routes is too wide for the per-route overload; each member answers a Blob.
  const blob = await (api.get as (p: string, o?: object) => Promise<Blob>)(path, { query });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
