// Saves a table route's CSV or xlsx answer under a file name; a failure throws the server's ApiError.
import { buildUrl, failure } from '../api/client.ts';

export type TableFormat = 'xlsx' | 'csv';

export async function exportTable(
  path: '/api/v1/stats' | '/api/v1/stats/assessment' | '/api/v1/supervision/overdue',
  query: Record<string, string | number | undefined>,
  format: TableFormat,
  filename: string,
): Promise<void> {
  const res = await fetch(buildUrl(path, undefined, { ...query, format }), { credentials: 'same-origin' });
  if (!res.ok) await failure(res);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `${filename}.${format}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
