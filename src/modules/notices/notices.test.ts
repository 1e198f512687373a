import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfTextDecodings } from '../../../test/fixtures/intake/pdf-text.ts';
import { acceptanceNotice, correctionNotice, type NoticeBase, refusalNotice } from './notice.content.ts';
import { noticeHtml } from './notice.html.ts';
import { noticePdf } from './notice.pdf.ts';

const base: NoticeBase = {
  documentNumber: 'MLR受〔2025〕00001号',
  centreName: '国土资源部行政服务大厅',
  departmentName: '矿产开发管理司',
  addressee: '北京金石矿业有限公司',
  agentName: '王五',
  itemName: '采矿权新立登记',
  itemCode: 'TIMPL0',
  legalBasis: '《中华人民共和国矿产资源法》第三条',
  receivedDate: '2025-09-30',
  issuedDate: '2025-09-30',
  issuedAt: '2025-09-30T02:00:00.000Z',
  officer: '窗口 李明',
};
const accepted = acceptanceNotice(base, {
  caseNumber: 'MLR2025093000001',
  queryCode: 'K7PQ3XMZ',
  promised: { value: 20, unit: 'working_days' },
  statutory: { value: 40, unit: 'working_days' },
  promisedDueDate: '2025-11-04',
  deemedAccepted: false,
  immediate: false,
  materials: [{ name: '采矿权申请登记书', requirement: '原件1份、复印件0份' }],
});

function tool(name: string): boolean {
  try {
    execFileSync(name, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('notices', () => {
  it('renders printable A4 HTML with every value escaped', () => {
    const html = noticeHtml({ ...accepted, addressee: '<script>x</script>' });
    expect(html).toContain('@page { size: A4');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).not.toContain('<script>x');
    expect(html).toContain('（矿产开发管理司印章）');
  });

  it('lists every material on a correction notice and states the remedies on a refusal', () => {
    const c = correctionNotice(base, {
      materials: [
        { name: '环境影响评价批复文件', requirement: '未提交' },
        { name: '采矿权申请登记书', requirement: '不符合法定形式：未加盖公章' },
      ],
      deadline: '2025-10-20',
      late: false,
    });
    expect(noticeHtml(c)).toMatch(/环境影响评价批复文件[\s\S]*采矿权申请登记书/);
    const r = refusalNotice(base, {
      reasons: ['不属于本机关职权范围'],
      reconsiderationBody: '自然资源部',
      litigationCourt: '北京市第一中级人民法院',
    });
    expect(r.remedy).toContain('六十日内向自然资源部申请行政复议');
    expect(r.remedy).toContain('六个月内向北京市第一中级人民法院提起行政诉讼');
  });

  it('writes a PDF with an embedded CJK font whose text contains the item name, identically every time', async () => {
    const pdf = await noticePdf(accepted);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/FontFile3|\/FontFile2/);
    const decodings = pdfTextDecodings(pdf);
    expect(decodings.some((d) => d.includes('采矿权新立登记') && d.includes('MLR2025093000001'))).toBe(true);
    expect((await noticePdf(accepted)).equals(pdf)).toBe(true);
  });

  it('opens in poppler with the Chinese text visible (pdftotext, pdftoppm)', async (ctx) => {
    if (!tool('pdftotext') || !tool('pdftoppm')) {
      console.log(
        '[notices] poppler-utils (pdftotext, pdftoppm) not installed: SKIPPING the external PDF-reader check',
      );
      ctx.skip();
    }
    const dir = mkdtempSync(join(tmpdir(), 'ow-notice-'));
    const file = join(dir, 'notice.pdf');
    writeFileSync(file, await noticePdf(accepted));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('受理通知书');
    expect(text).toContain('采矿权新立登记');
    execFileSync('pdftoppm', ['-r', '30', '-f', '1', '-l', '1', '-gray', file, join(dir, 'page')]);
    const pgm = readFileSync(join(dir, 'page-1.pgm'));
    const pixels = pgm.subarray(pgm.length - 210 * 297);
    expect(pixels.filter((v) => v < 128).length).toBeGreaterThan(200); // not a blank page
  });
});
