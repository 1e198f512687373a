// A notice as a printable HTML page (A4, print CSS). Pure; every value is escaped.
import type { NoticeContent } from './notice.content.ts';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const CSS = `
@page { size: A4; margin: 25mm 22mm 22mm 22mm; }
* { box-sizing: border-box; }
body { font-family: "FangSong", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif;
  font-size: 16px; line-height: 1.8; color: #000; margin: 0; }
.page { width: 166mm; min-height: 250mm; margin: 0 auto; position: relative; }
h1 { font-family: "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; text-align: center;
  font-size: 26px; letter-spacing: 2px; margin: 0 0 8px; }
.centre { text-align: center; font-size: 18px; margin-top: 12px; }
.docno { text-align: right; margin: 4px 0 18px; }
p { text-indent: 2em; margin: 0 0 6px; text-align: justify; }
p.addressee { text-indent: 0; }
table { width: 100%; border-collapse: collapse; margin: 8px 0 12px; font-size: 14px; }
th, td { border: 1px solid #000; padding: 4px 6px; vertical-align: top; text-align: left; }
th { font-weight: bold; }
.deadline { font-weight: bold; text-indent: 2em; }
.basis { font-size: 13px; color: #222; }
.sign { margin-top: 36px; text-align: right; position: relative; }
.seal { position: absolute; right: 18mm; top: -18mm; width: 40mm; height: 40mm; border: 2px dashed #c00;
  border-radius: 50%; color: #c00; display: flex; align-items: center; justify-content: center; font-size: 13px; }
.footer { margin-top: 28px; font-size: 12px; border-top: 1px solid #000; padding-top: 4px; }
@media screen { body { background: #eee; } .page { background: #fff; padding: 25mm 22mm; margin: 10mm auto;
  width: 210mm; min-height: 297mm; box-shadow: 0 0 4px #999; } }
@media print { .page { page-break-after: always; } }
`;

function materialsTable(n: NoticeContent): string {
  if (!n.materials.length || !n.materialsHeading) return '';
  const rows = n.materials
    .map((m, i) => `<tr><td>${i + 1}</td><td>${esc(m.name)}</td><td>${esc(m.requirement)}</td></tr>`)
    .join('');
  return `<p class="addressee"><strong>${esc(n.materialsHeading)}：</strong></p>
<table><thead><tr><th style="width:3em">序号</th><th>材料名称</th><th>说明</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function noticeHtml(n: NoticeContent): string {
  const paras = n.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n');
  const closing = n.closing.map((p) => `<p>${esc(p)}</p>`).join('\n');
  const deadline = n.deadline
    ? `<p class="deadline">${esc(n.deadlineLabel ?? '')}：${esc(n.deadline)}</p>`
    : '';
  const remedy = n.remedy ? `<p>${esc(n.remedy)}</p>` : '';
  const agent = n.agentName ? `（代理人：${esc(n.agentName)}）` : '';
  const basis = n.basis ? `<p class="basis">办理依据：${esc(n.basis)}</p>` : '';
  const footer = [
    `事项：${esc(n.itemName)}（${esc(n.itemCode)}）`,
    n.caseNumber ? `办件编号：${esc(n.caseNumber)}` : '',
    `经办人：${esc(n.officer)}`,
  ]
    .filter(Boolean)
    .join('　');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(n.title)} ${esc(n.documentNumber)}</title>
<style>${CSS}</style></head>
<body><div class="page">
<div class="centre">${esc(n.departmentName)}</div>
<h1>${esc(n.title)}</h1>
<div class="docno">${esc(n.documentNumber)}</div>
<p class="addressee">${esc(n.addressee)}${agent}：</p>
${paras}
${materialsTable(n)}
${deadline}
${closing}
${remedy}
${basis}
<div class="sign"><div class="seal">（${esc(n.departmentName)}印章）</div>
<div>${esc(n.centreName)}</div><div>${esc(n.issuedDate)}</div></div>
<div class="footer">${footer}</div>
</div></body></html>`;
}
