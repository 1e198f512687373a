import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { systemActor } from '../modules/audit/audit.log.ts';
import { exportWorkbook, templateWorkbook } from '../modules/catalogue/catalogue.export.ts';
import { type ImportReport, importCatalogue } from '../modules/catalogue/catalogue.import.ts';
import type { AppDeps } from '../server/context.ts';
import { withRuntime } from './admin.ts';
import { ExitError } from './main.ts';

async function centreIdOf(deps: AppDeps, code?: string): Promise<string | undefined> {
  if (!code) return undefined;
  const c = await deps.db.selectFrom('centres').select('id').where('code', '=', code).executeTakeFirst();
  if (!c) throw new ExitError(`no centre with code ${code} / 服务中心 ${code} 不存在`, 2);
  return c.id;
}

/** A one-line progress bar on stderr, drawn only for files large enough to wait for. */
function progressBar(minRows = 200) {
  let last = '';
  return (phase: string, done: number, total: number) => {
    if (total < minRows) return;
    const width = 30;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    const line = `${phase === 'validate' ? '校验 validate' : '写入 apply   '} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
    if (line === last) return;
    last = line;
    process.stderr.write(
      process.stderr.isTTY ? `\r${line}` : done === total || done % 1000 === 0 ? `${line}\n` : '',
    );
    if (done === total && process.stderr.isTTY) process.stderr.write('\n');
  };
}

function printReport(r: ImportReport) {
  for (const p of r.problems)
    console.error(`${p.sheet} 第${p.row}行 [${p.column}] ${p.message} / ${p.messageEn}`);
  console.log(
    `${r.applied ? 'imported' : 'NOT imported'}: ${r.items} rows, ${r.created} created, ${r.newVersions} new versions, ` +
      `${r.draftsSaved} drafts saved, ${r.published} published, ${r.unchanged} unchanged, ${r.skipped} skipped, ` +
      `${r.problems.length} problems`,
  );
}

export function registerCatalogueCommands(program: Command) {
  const cat = program
    .command('catalogue')
    .description('the item catalogue (事项目录): import, export, template');
  cat
    .command('import')
    .argument('<file>', '.xlsx (sheets 事项 and 材料) or .csv (事项 only)')
    .option('--partial', 'import the valid rows even when other rows have problems')
    .option('--centre <code>', 'centre of rows whose 中心编码 is empty')
    .description('import items; nothing is written when any row has a problem (unless --partial)')
    .action(async (file: string, opts: { partial?: boolean; centre?: string }) => {
      const bytes = new Uint8Array(readFileSync(file));
      const report = await withRuntime(async (deps) =>
        importCatalogue(
          deps,
          { bytes, filename: basename(file) },
          {
            actor: systemActor('cli'),
            partial: !!opts.partial,
            defaultCentreId: await centreIdOf(deps, opts.centre),
            canManage: () => true,
            onProgress: progressBar(),
          },
        ),
      );
      printReport(report);
      if (!report.applied) throw new ExitError('nothing was imported / 未导入任何内容', 1);
    });
  cat
    .command('export')
    .argument('<file>', 'the .xlsx to write')
    .option('--centre <code>', 'only this centre')
    .description('export published items (and never-published drafts) in the import format')
    .action(async (file: string, opts: { centre?: string }) => {
      const bytes = await withRuntime(async (deps) => {
        const id = await centreIdOf(deps, opts.centre);
        return exportWorkbook(deps.db, id ? [id] : null);
      });
      writeFileSync(file, bytes);
      console.log(`wrote ${file}`);
    });
  cat
    .command('template')
    .argument('<file>', 'the .xlsx to write')
    .description('write the blank import template with its 说明 sheet')
    .action(async (file: string) => {
      writeFileSync(file, await templateWorkbook());
      console.log(`wrote ${file}`);
    });
}
