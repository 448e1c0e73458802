import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatDocumentNumber,
  getTemplate,
  listTemplates,
  preloadFonts,
  prefill,
  renderDocx,
  renderPdf,
  type DocumentContext,
  type FieldValues,
  type Template,
} from './index';
import { sampleContext } from './sample-context';

const dir = mkdtempSync(join(tmpdir(), 'qc-documents-'));
let seq = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pdfTool(tool: 'pdftotext' | 'pdffonts' | 'pdfinfo', pdf: Buffer, ...args: string[]): string {
  const file = join(dir, `doc-${++seq}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
}
const text = (pdf: Buffer) => pdfTool('pdftotext', pdf, '-layout');
/** Without layout and whitespace: rotated (watermark) and wrapped text reads in order. */
const flatText = (pdf: Buffer) => pdfTool('pdftotext', pdf, '-raw').replace(/\s+/g, '');
const pages = (pdf: Buffer) => Number(/Pages:\s+(\d+)/.exec(pdfTool('pdfinfo', pdf))?.[1]);

const template = (id: string): Template => {
  const t = getTemplate(id);
  if (!t) {
    throw new Error(`no template ${id}`);
  }
  return t;
};

/** Values an officer would have completed for issue. */
function completed(t: Template, context: DocumentContext): FieldValues {
  const values = prefill(t, context);
  const extra: Record<string, FieldValues> = {
    complaint_register: { channel: 'visit' },
    internal_approval: {
      matterType: 'non_acceptance',
      reason: '违法行为终了已超过二年。',
      officerOpinion: '建议不予受理。',
    },
    supplement_notice: {
      reason: 'no_evidence',
      missing: [
        { item: '劳动合同、工资条等证明劳动关系的材料' },
        { item: '被拖欠工资的起止时间及金额说明', note: '手写' },
      ],
      supplementBy: '2024-03-15',
      submitAddress: '临西县人力资源和社会保障局劳动保障监察大队（临西县政务服务中心二楼）',
    },
    referral_advice: {
      reason: '你反映的事项属于社会保险经办业务',
      competentAuthority: '临西县社会保险事业服务中心',
    },
    transfer_letter: {
      recipientAuthority: '临西县公安局',
      reason: 'crime',
      materials: [
        { item: '举报(投诉)登记表', pages: 2 },
        { item: '立案审批表', pages: 1 },
        { item: '询问笔录', pages: 6, note: '共两份' },
        { item: '工资发放记录（复印件）', pages: 12 },
      ],
    },
  };
  return { ...values, ...(extra[t.id] ?? {}) };
}

const numberFor = (t: Template) =>
  t.numberPattern ? formatDocumentNumber(t.numberPattern, 2024, 7) : undefined;

describe('PDF', () => {
  const context = sampleContext();
  const rendered = new Map<string, Buffer>();

  beforeAll(async () => {
    preloadFonts();
    for (const t of listTemplates()) {
      const number = numberFor(t);
      rendered.set(
        t.id,
        await renderPdf(t, completed(t, context), context, { draft: false, ...(number ? { number } : {}) }),
      );
    }
  });

  it.each(listTemplates().map((t) => t.id))('%s shows its title, 文号, party and page numbers', (id) => {
    const t = template(id);
    const pdf = rendered.get(id) ?? Buffer.alloc(0);
    const out = text(pdf);
    expect(out).toContain(t.title);
    expect(out).toContain('临西县人力资源和社会保障局');
    const number = numberFor(t);
    if (number) {
      expect(out).toContain(number);
    }
    expect(flatText(pdf)).toContain('临西县恒通建筑工程有限公司');
    const n = pages(pdf);
    for (let page = 1; page <= n; page++) {
      expect(out).toMatch(new RegExp(`第\\s*${page}\\s*页\\s*共\\s*${n}\\s*页`));
    }
  });

  it('A19.2 forms and the transfer letter name the officers with their certificate numbers', () => {
    for (const id of ['complaint_register', 'filing_approval', 'internal_approval', 'transfer_letter']) {
      const out = flatText(rendered.get(id) ?? Buffer.alloc(0));
      for (const officer of context.officers) {
        expect(out, id).toContain(`${officer.name}（执法证号${officer.certNo}）`);
      }
    }
  });

  it('A19.1 a person party prints name, sex and ID number in the 立案审批表', async () => {
    const person = sampleContext({
      party: {
        kind: 'person',
        name: '钱八',
        identifier: '130535199001011234',
        legalRep: null,
        sex: 'male',
        address: '临西县某村',
        phone: '13900000000',
      },
    });
    const t = template('filing_approval');
    const out = flatText(await renderPdf(t, completed(t, person), person, { draft: false }));
    expect(out).toContain('当事人姓名钱八性别男');
    expect(out).toContain('身份证号码130535199001011234');
  });

  it('opinion boxes are filled from approval decisions when present', () => {
    const out = flatText(rendered.get('filing_approval') ?? Buffer.alloc(0));
    expect(out).toContain('同意。签名：孙七2024年3月4日');
  });

  it('A6.2 the 不予受理决定书 cites the two-year limitation and the complainant’s rights', () => {
    const out = flatText(rendered.get('non_acceptance_decision') ?? Buffer.alloc(0));
    expect(out).toContain('《劳动保障监察条例》第二十条');
    expect(out).toContain('已超过二年');
    expect(out).toContain('违法行为终了之日为2021年1月31日');
    expect(out).toContain('六十日内向临西县人民政府申请行政复议');
    expect(out).toContain('六个月内依法向临西县人民法院提起行政诉讼');
    expect(out).toContain('赵六：');
  });

  it('A6.3 the 补正材料通知书 lists what is missing; the 告知书 names the competent authority', () => {
    const supplement = flatText(rendered.get('supplement_notice') ?? Buffer.alloc(0));
    expect(supplement).toContain('劳动合同、工资条等证明劳动关系的材料');
    expect(supplement).toContain('被拖欠工资的起止时间及金额说明');
    expect(supplement).toContain('2024年3月15日前');
    expect(flatText(rendered.get('referral_advice') ?? Buffer.alloc(0))).toContain(
      '向临西县社会保险事业服务中心投诉',
    );
  });

  it('A6.4 the 移送函 names the receiving authority and lists every material with its pages', () => {
    const out = text(rendered.get('transfer_letter') ?? Buffer.alloc(0));
    expect(out).toContain('临西县公安局：');
    expect(out).toContain('涉嫌犯罪');
    const materials = completed(template('transfer_letter'), context).materials as {
      item: string;
      pages: number;
    }[];
    materials.forEach((m, i) => {
      expect(out).toMatch(new RegExp(`${i + 1}\\s+${m.item.replace(/[()（）]/g, '.')}\\s+${m.pages}`));
    });
  });

  it('a long textarea makes a 2-page document, numbered 第 1 页 共 2 页 and 第 2 页 共 2 页', async () => {
    const t = template('non_acceptance_decision');
    expect(pages(rendered.get(t.id) ?? Buffer.alloc(0))).toBe(1);
    const values = { ...completed(t, context), additionalReason: '经核查，投诉人所述情况如下。'.repeat(12) };
    const pdf = await renderPdf(t, values, context, { draft: false, number: numberFor(t) ?? '' });
    expect(pages(pdf)).toBe(2);
    const out = text(pdf);
    expect(out).toMatch(/第\s*1\s*页\s*共\s*2\s*页/);
    expect(out).toMatch(/第\s*2\s*页\s*共\s*2\s*页/);
  });

  it('a draft carries the 草稿 DRAFT watermark and a blank number; an issued one does not', async () => {
    const t = template('non_acceptance_decision');
    const values = completed(t, context);
    const draft = await renderPdf(t, { ...values, violationEndedOn: null }, context, { draft: true });
    expect(flatText(draft)).toContain('草稿DRAFT');
    expect(flatText(draft)).toContain('临人社监不受〔2024〕第号');
    expect(flatText(draft)).toContain('【违法行为终了日期】');
    const issued = rendered.get(t.id) ?? Buffer.alloc(0);
    expect(flatText(issued)).not.toContain('草稿');
    expect(flatText(issued)).not.toContain('DRAFT');
  });

  it('embeds the Noto Serif CJK fonts and fixes the creation date from the context', () => {
    const pdf = rendered.get('filing_approval') ?? Buffer.alloc(0);
    const fonts = pdfTool('pdffonts', pdf)
      .split('\n')
      .filter((l) => l.includes('Noto'));
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const line of fonts) {
      expect(line).toMatch(/NotoSerifCJKsc-(Regular|Bold)\s.*\byes\s+yes\s+yes\b/);
    }
    expect(pdfTool('pdfinfo', pdf, '-isodates')).toMatch(/CreationDate:\s+2024-03-04T16:00:00Z/);
  });

  it('renders one document well under a second (printed, not asserted)', async () => {
    const t = template('filing_approval');
    const values = completed(t, context);
    const started = performance.now();
    await renderPdf(t, values, context, { draft: true });
    const ms = performance.now() - started;
    console.log(`[documents] filing_approval PDF rendered in ${ms.toFixed(0)} ms`);
    expect(ms).toBeGreaterThan(0);
  });
});

describe('DOCX', () => {
  const context = sampleContext();
  const xml = async (id: string, draft: boolean) => {
    const t = template(id);
    const number = numberFor(t);
    const bytes = await renderDocx(t, completed(t, context), context, {
      draft,
      ...(number ? { number } : {}),
    });
    const files = unzipSync(new Uint8Array(bytes));
    const read = (name: string) => strFromU8(files[name] ?? new Uint8Array());
    return {
      document: read('word/document.xml'),
      header: read('word/header1.xml'),
      footer: read('word/footer1.xml'),
      fonts: read('word/fontTable.xml'),
    };
  };

  it('contains the title, the 文号, the party and A4 page setup', async () => {
    const { document } = await xml('transfer_letter', false);
    expect(document).toContain('行政违法案件移送函');
    expect(document).toContain('临人社监移〔2024〕第7号');
    expect(document).toContain('临西县恒通建筑工程有限公司');
    expect(document).toContain('询问笔录');
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  });

  it('A19.2 the form names the officers with certificate numbers', async () => {
    const { document } = await xml('filing_approval', false);
    expect(document).toContain('张三（执法证号 13052020001）');
    expect(document).toContain('李四（执法证号 13052020002）');
  });

  it('has PAGE and NUMPAGES fields in the footer, the official fonts with a Noto fallback', async () => {
    const { footer, fonts, document } = await xml('non_acceptance_decision', false);
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
    expect(document).toContain('仿宋_GB2312');
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="Noto Serif CJK SC"/>');
  });

  it('a draft has the watermark in its header; an issued one does not', async () => {
    expect((await xml('non_acceptance_decision', true)).header).toContain('草稿 DRAFT');
    expect((await xml('non_acceptance_decision', false)).header).not.toContain('草稿');
  });
});
