/**
 * A small content-addressed file store: the bytes live under DATA_DIR/files/ab/<sha256>, the metadata in
 * the `files` table. Identical uploads share their bytes. Meant for blank forms and samples here and for
 * case attachments later (intake): storeFile() to keep a file, readFile() to serve one.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile as readFs, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppDeps } from '../../server/context.ts';
import { AppError, badRequest } from '../../shared/errors.ts';
import type { Actor } from '../audit/audit.log.ts';
import { changeWithLog } from '../audit/change.ts';

export interface StoredFile {
  id: string;
  sha256: string;
  size: number;
  mediaType: string;
  filename: string;
}

export interface FileInput {
  bytes: Uint8Array;
  filename: string;
}

/** Blank forms and samples may be at most this large (the request body limit may be lower). */
export const MAX_FORM_BYTES = 10 * 1024 * 1024;

const starts = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/**
 * The media type from the first bytes and the extension. Only document and image formats are kept:
 * anything else (HTML, scripts, executables) is refused, since the guide serves these files to the public.
 */
export function sniffMediaType(bytes: Uint8Array, filename: string): string | null {
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  if (starts(bytes, [0x25, 0x50, 0x44, 0x46])) return 'application/pdf';
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'image/png';
  if (starts(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  const zip: Record<string, string> = {
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    odt: 'application/vnd.oasis.opendocument.text',
    ods: 'application/vnd.oasis.opendocument.spreadsheet',
    ofd: 'application/ofd',
    zip: 'application/zip',
  };
  if (starts(bytes, [0x50, 0x4b, 0x03, 0x04])) return zip[ext] ?? null;
  const ole: Record<string, string> = { doc: 'application/msword', xls: 'application/vnd.ms-excel' };
  if (starts(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return ole[ext] ?? null;
  return null;
}

const blobPath = (dataDir: string, sha: string) => join(resolve(dataDir), 'files', sha.slice(0, 2), sha);

/** Writes the bytes once (temp file + rename, so a reader never sees half a file); returns the SHA-256. */
export async function writeBlob(dataDir: string, bytes: Uint8Array): Promise<string> {
  const sha = createHash('sha256').update(bytes).digest('hex');
  const path = blobPath(dataDir, sha);
  const exists = await stat(path).then(
    (s) => s.size === bytes.length,
    () => false,
  );
  if (!exists) {
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  }
  return sha;
}

const isUnsafeChar = (ch: string) => ch.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(ch);

export const sanitiseFilename = (name: string) =>
  [...name]
    .map((ch) => (isUnsafeChar(ch) ? '_' : ch))
    .join('')
    .slice(-120) || 'file';

/** Checks and writes the bytes; the caller inserts the row in its own transaction with insertFileRow. */
export async function prepareFile(dataDir: string, input: FileInput, maxBytes = MAX_FORM_BYTES) {
  if (input.bytes.length > maxBytes)
    throw new AppError(413, 'file_too_large', '文件过大。', `The file exceeds ${maxBytes} bytes.`);
  const mediaType = sniffMediaType(input.bytes, input.filename);
  if (!mediaType)
    throw badRequest(
      'unsupported_file_type',
      '仅支持 PDF、Word、Excel、OFD、PNG、JPEG 等文档和图片文件。',
      'Only documents and images (PDF, Word, Excel, OFD, PNG, JPEG, …) are accepted.',
    );
  const sha256 = await writeBlob(dataDir, input.bytes);
  return { sha256, size: input.bytes.length, mediaType, filename: sanitiseFilename(input.filename) };
}

export async function insertFileRow(
  trx: Kysely<DB>,
  now: Date,
  actorId: string | null,
  f: Omit<StoredFile, 'id'>,
): Promise<StoredFile> {
  const row = await trx
    .insertInto('files')
    .values({
      sha256: f.sha256,
      size: f.size,
      media_type: f.mediaType,
      filename: f.filename,
      created_at: now,
      created_by: actorId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, ...f };
}

/** Stores one file with its own action-log entry (for modules that keep files on their own). */
export async function storeFile(deps: AppDeps, actor: Actor, input: FileInput, maxBytes?: number) {
  const prepared = await prepareFile(deps.config.DATA_DIR, input, maxBytes);
  return changeWithLog(
    deps,
    actor,
    (trx, now) => insertFileRow(trx, now, actor.id, prepared),
    (f) => ({ action: 'file.stored', targetType: 'file', targetId: f.id, payload: f }),
  );
}

export async function findFile(db: Kysely<DB>, id: string): Promise<StoredFile | undefined> {
  const r = await db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
  return r && { id: r.id, sha256: r.sha256, size: r.size, mediaType: r.media_type, filename: r.filename };
}

/** The file's metadata and bytes, or undefined when either is missing. */
export async function readFile(deps: Pick<AppDeps, 'db' | 'config'>, id: string) {
  const file = await findFile(deps.db, id);
  if (!file) return undefined;
  const bytes = await readFs(blobPath(deps.config.DATA_DIR, file.sha256)).catch(() => undefined);
  return bytes && { file, bytes };
}

/** Headers for sending a stored file as a download. */
export const downloadHeaders = (f: StoredFile) => ({
  'content-type': f.mediaType,
  'content-length': String(f.size),
  'content-disposition': `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(f.filename)}`,
});
