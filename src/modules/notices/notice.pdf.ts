/**
 * A notice as an A4 PDF with an embedded CJK font (Noto Sans Hans from @embedpdf/fonts-sc, subset into the
 * file by pdfkit, so every reader shows the Chinese text). The document's dates come from the notice,
 * so the same content always gives the same bytes.
 */
/// <reference path="./pdfkit.d.ts" />
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { NoticeContent } from './notice.content.ts';

const fontDir = join(dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')), '..', 'fonts');
let fonts: { regular: Uint8Array; bold: Uint8Array } | undefined;
const loadFonts = () => {
  fonts ??= {
    regular: readFileSync(join(fontDir, 'NotoSansHans-Regular.otf')),
    bold: readFileSync(join(fontDir, 'NotoSansHans-Bold.otf')),
  };
  return fonts;
};

const MM = 72 / 25.4;
const MARGIN = { top: 25 * MM, bottom: 20 * MM, left: 22 * MM, right: 22 * MM };
const BODY = 11.5;

function materials(doc: PDFDocument, n: NoticeContent, width: number) {
  if (!n.materials.length || !n.materialsHeading) return;
  doc.font('bold').fontSize(BODY).text(`${n.materialsHeading}：`, { width, lineGap: 4 });
  doc.font('regular').fontSize(BODY - 1);
  n.materials.forEach((m, i) => {
    doc.text(`${i + 1}. ${m.name}${m.requirement ? `——${m.requirement}` : ''}`, {
      width,
      indent: 12,
      lineGap: 3,
    });
  });
  doc.moveDown(0.5);
}

function seal(doc: PDFDocument, n: NoticeContent, width: number) {
  const right = MARGIN.left + width;
  if (doc.y > doc.page.height - MARGIN.bottom - 120) doc.addPage();
  const top = doc.y + 20;
  doc
    .circle(right - 60, top + 30, 45)
    .lineWidth(1.2)
    .dash(4, { space: 3 })
    .stroke('#cc0000')
    .undash();
  doc
    .fillColor('#cc0000')
    .fontSize(8)
    .text(`（${n.departmentName}印章）`, right - 105, top + 25, { width: 90, align: 'center' });
  doc.fillColor('#000000').fontSize(BODY);
  doc.text(n.centreName, MARGIN.left, top + 10, { width: width - 10, align: 'right' });
  doc.text(n.issuedDate, MARGIN.left, top + 30, { width: width - 10, align: 'right' });
  doc.x = MARGIN.left;
  doc.y = top + 90;
}

function body(doc: PDFDocument, n: NoticeContent, width: number) {
  const para = { width, lineGap: 5, indent: BODY * 2, align: 'justify' as const };
  doc.font('regular').fontSize(13).text(n.departmentName, { width, align: 'center' });
  doc.moveDown(0.3).font('bold').fontSize(20).text(n.title, { width, align: 'center', characterSpacing: 1 });
  doc.moveDown(0.3).font('regular').fontSize(BODY).text(n.documentNumber, { width, align: 'right' });
  doc
    .moveDown(0.8)
    .text(`${n.addressee}${n.agentName ? `（代理人：${n.agentName}）` : ''}：`, { width, lineGap: 5 });
  for (const p of n.paragraphs) doc.text(p, para);
  doc.moveDown(0.5);
  materials(doc, n, width);
  if (n.deadline)
    doc
      .font('bold')
      .text(`${n.deadlineLabel ?? ''}：${n.deadline}`, para)
      .font('regular');
  for (const p of n.closing) doc.text(p, para);
  if (n.remedy) doc.text(n.remedy, para);
  if (n.basis)
    doc.moveDown(0.5).fontSize(9).text(`办理依据：${n.basis}`, { width, lineGap: 2 }).fontSize(BODY);
}

function footer(doc: PDFDocument, n: NoticeContent, width: number) {
  const parts = [
    `事项：${n.itemName}（${n.itemCode}）`,
    n.caseNumber ? `办件编号：${n.caseNumber}` : '',
    `经办人：${n.officer}`,
  ];
  doc
    .moveTo(MARGIN.left, doc.y)
    .lineTo(MARGIN.left + width, doc.y)
    .lineWidth(0.5)
    .stroke('#000000');
  doc.moveDown(0.3).fontSize(8.5).text(parts.filter(Boolean).join('    '), MARGIN.left, doc.y, { width });
}

/** Renders the notice; resolves with the PDF bytes. */
export function noticePdf(n: NoticeContent): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const at = new Date(n.issuedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: `${n.title} ${n.documentNumber}`,
      Author: n.departmentName,
      Creator: 'onewindow',
      Producer: 'onewindow',
      CreationDate: at,
      ModDate: at,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', regular).registerFont('bold', bold);
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  body(doc, n, width);
  seal(doc, n, width);
  footer(doc, n, width);
  doc.end();
  return done;
}
