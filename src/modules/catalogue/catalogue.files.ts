// Blank forms (空白表格), samples (示例样表) and result samples (结果样本) attached to a draft version.
import type { AppDeps } from '../../server/context.ts';
import { badRequest, conflict, notFound } from '../../shared/errors.ts';
import { changeWithLog } from '../audit/change.ts';
import { actorOf, type Principal } from '../auth/principal.ts';
import { contentOf } from './catalogue.mapping.ts';
import { requireManage, requireRead } from './catalogue.policy.ts';
import { findVersion, materialsOf } from './catalogue.queries.ts';
import type { ItemContent } from './catalogue.schemas.ts';
import { getItemVersion } from './catalogue.service.ts';
import { writeDraft } from './catalogue.write.ts';
import { type FileInput, insertFileRow, prepareFile, readFile } from './file-store.ts';

export type AttachTarget = 'blank_form' | 'sample' | 'result_sample';

function withFile(c: ItemContent, target: AttachTarget, fileId: string, position?: number): ItemContent {
  if (target === 'result_sample') return { ...c, resultSampleFileId: fileId };
  const index = (position ?? 0) - 1;
  if (!c.materials[index])
    throw badRequest('unknown_material', '材料序号不存在。', `No material at position ${position}.`);
  const materials = c.materials.map((m, i) =>
    i !== index
      ? m
      : target === 'blank_form'
        ? { ...m, blankFormFileId: fileId }
        : { ...m, sampleFileId: fileId },
  );
  return { ...c, materials };
}

/** Stores the file and points the draft's material (by position, from 1) or result sample at it. */
export async function attachFile(
  deps: AppDeps,
  p: Principal,
  versionId: string,
  input: { target: AttachTarget; materialPosition?: number; file: FileInput },
) {
  const v = await findVersion(deps.db, versionId);
  if (!v) throw notFound('Item version', '事项版本');
  requireManage(p, v.centre_id);
  if (v.status !== 'draft')
    throw conflict(
      'version_frozen',
      '已发布的版本不能修改，请先新建版本。',
      'A published version is frozen; open a new version first.',
    );
  const content = contentOf(v, (await materialsOf(deps.db, [v.id])).get(v.id)!);
  withFile(content, input.target, v.id, input.materialPosition); // checks the position before storing anything
  const prepared = await prepareFile(deps.config.DATA_DIR, input.file);
  await changeWithLog(
    deps,
    actorOf(p),
    async (trx, now) => {
      const file = await insertFileRow(trx, now, p.staffId, prepared);
      await writeDraft(
        trx,
        now,
        p.staffId,
        v.item_id,
        withFile(content, input.target, file.id, input.materialPosition),
      );
      return file;
    },
    (file) => ({
      action: 'catalogue.file_attached',
      targetType: 'catalogue_item',
      targetId: v.item_id,
      payload: { versionId, target: input.target, materialPosition: input.materialPosition ?? null, file },
    }),
  );
  return getItemVersion(deps.db, versionId);
}

/** Staff may fetch the files of their centre's versions, drafts included. */
export async function staffFile(deps: AppDeps, p: Principal, fileId: string) {
  const owner = await deps.db
    .selectFrom('catalogue_item_versions as v')
    .leftJoin('catalogue_materials as m', 'm.version_id', 'v.id')
    .select('v.centre_id')
    .where((eb) =>
      eb.or([
        eb('v.result_sample_file_id', '=', fileId),
        eb('m.blank_form_file_id', '=', fileId),
        eb('m.sample_file_id', '=', fileId),
      ]),
    )
    .executeTakeFirst();
  if (!owner) throw notFound('File', '文件');
  requireRead(p, owner.centre_id);
  const found = await readFile(deps, fileId);
  if (!found) throw notFound('File', '文件');
  return found;
}
