// OpenAPI pieces for file uploads and downloads.
import { z } from '@hono/zod-openapi';

/** A file part of a multipart form. */
export const FileField = z
  .custom<File>((v) => v instanceof File, { message: 'a file is required / 请上传文件' })
  .openapi({ type: 'string', format: 'binary' });

export const binary = (description: string, mediaType = 'application/octet-stream') => ({
  description,
  content: { [mediaType]: { schema: z.string().openapi({ format: 'binary' }) } },
});

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content-Disposition for a download whose name may be Chinese. */
export const attachment = (filename: string) =>
  `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(filename)}`;
