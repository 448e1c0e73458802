import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFields, getTemplate, preloadFonts, prefill, renderPdf, type Template } from './index';
import { sampleContext } from './sample-context';

/**
 * The 当场行政处罚决定书 of the simplified procedure (RULES A10.1; 行政处罚法 art. 52): a
 * pre-printed numbered form. Rendered with the sample case and read back with pdftotext.
 */
const dir = mkdtempSync(join(tmpdir(), 'qc-onspot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function flatText(pdf: Buffer): string {
  const file = join(dir, 'onspot.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' })
    .replace(/\s+/g, '')
    .replace(/第\d+页共\d+页/g, '');
}

describe('当场行政处罚决定书 (A10.1)', () => {
  const t = getTemplate('onspot_decision') as Template;
  const base = sampleContext();
  const context = sampleContext({
    case: { ...base.case, penaltyType: '罚款', fineAmount: '200', formNumber: '临人社当罚A000102' },
  });
  const values = {
    ...prefill(t, context),
    decidedAt: '2026-11-28T10:20',
    place: '临西县工业园区纬三路6号（门牌）',
    defence: '当事人表示无异议，放弃陈述、申辩。',
    violatedProvision: '《劳动保障监察条例》第二十三条',
    penaltyBasis: '《劳动保障监察条例》第二十三条',
    payTo: '中国农业银行临西县支行',
  };
  beforeAll(() => preloadFonts());

  it('A10.1 prefill takes the penalty recorded on the spot; the form is numbered from the pad, not a sequence', () => {
    expect(t.numberFrom).toBe('form');
    expect(t.numberPattern).toBeUndefined();
    expect(values).toMatchObject({ penaltyType: '罚款', fineAmount: 200 });
    expect(checkFields(t, values, 'issue').ok).toBe(true);
    expect(checkFields(t, { ...values, defence: '' }, 'issue').ok).toBe(false);
  });

  it('A10.1 the on-the-spot decision carries the printed number and every item of 行政处罚法第五十二条', async () => {
    const text = flatText(
      await renderPdf(t, values, context, {
        draft: false,
        number: '临人社当罚A000102',
        issueDate: '2026-11-28',
      }),
    );
    expect(text).toContain('当场行政处罚决定书');
    expect(text).toContain('临人社当罚A000102');
    expect(text).toContain('当事人：临西县恒通建筑工程有限公司');
    expect(text).toContain('2026年11月28日10时20分在临西县工业园区纬三路6号（门牌）');
    expect(text).toContain('依法享有的陈述、申辩权利');
    expect(text).toContain('放弃陈述、申辩');
    expect(text).toContain('《中华人民共和国行政处罚法》第五十一条');
    expect(text).toContain('罚款金额：人民币200.00元');
    expect(text).toContain('六十日内向临西县人民政府申请行政复议');
    expect(text).toContain('执法人员：张三（执法证号13052020001）');
    expect(text).toContain('报所属行政机关备案');
  });

  it('A10.1 a draft shows the form number the case used', async () => {
    const text = flatText(await renderPdf(t, values, context, { draft: true }));
    expect(text).toContain('临人社当罚A000102');
  });
});
