import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFields, getTemplate, preloadFonts, prefill, renderPdf, type Template } from './index';
import { sampleContext } from './sample-context';

/**
 * The 延期(分期)缴纳罚款通知书 (RULES A11.2; 行政处罚法 art. 66, 72): rendered with the sample case
 * and read back with pdftotext, once for a deferral and once for instalments.
 */
const dir = mkdtempSync(join(tmpdir(), 'qc-plan-'));
let seq = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function flatText(pdf: Buffer): string {
  const file = join(dir, `plan-${++seq}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' })
    .replace(/\s+/g, '')
    .replace(/第\d+页共\d+页/g, '');
}

describe('延期(分期)缴纳罚款通知书 (A11.2)', () => {
  const t = getTemplate('payment_plan_notice') as Template;
  const base = sampleContext();
  const context = sampleContext({ case: { ...base.case, penaltyType: '罚款', fineAmount: '3000' } });
  const values = {
    ...prefill(t, context),
    decisionNumber: '临人社监罚〔2026〕第12号',
    decisionDate: '2026-11-20',
    applicationDate: '2026-11-30',
    applicationReason: '受订单减少影响，资金周转困难',
  };
  beforeAll(() => preloadFonts());

  it('A11.2 the notice is a numbered letter served on the party; the fine is prefilled and the application is required', () => {
    expect(t).toMatchObject({ recipient: 'party', style: 'letter' });
    expect(t.numberPattern).toBe('临人社监缓缴〔{year}〕第{n}号');
    expect(values).toMatchObject({ fineAmount: 3000, partyName: '临西县恒通建筑工程有限公司' });
    expect(checkFields(t, values, 'issue').ok).toBe(true);
    expect(checkFields(t, { ...values, applicationDate: '' }, 'issue').ok).toBe(false);
  });

  it('A11.2 a deferral names the new date, art. 66 and the 3 % surcharge of art. 72', async () => {
    const text = flatText(
      await renderPdf(t, { ...values, deferredTo: '2027-01-31' }, context, {
        draft: false,
        number: '临人社监缓缴〔2026〕第1号',
        issueDate: '2026-12-01',
      }),
    );
    expect(text).toContain('延期(分期)缴纳罚款通知书');
    expect(text).toContain('临人社监缓缴〔2026〕第1号');
    expect(text).toContain('临人社监罚〔2026〕第12号《行政处罚决定书》');
    expect(text).toContain('罚款人民币3,000.00元');
    expect(text).toContain('第六十六条第二款');
    expect(text).toContain('同意你（单位）延期至2027年1月31日前缴纳上述罚款');
    expect(text).not.toContain('分期缴纳上述罚款');
    expect(text).toContain('每日按罚款数额的百分之三加处罚款');
  });

  it('A11.2 instalments print the plan instead of a deferred date', async () => {
    const text = flatText(
      await renderPdf(
        t,
        {
          ...values,
          instalmentPlan: '第一期2026年12月31日前缴纳1000.00元；第二期2027年1月31日前缴纳2000.00元。',
        },
        context,
        { draft: true },
      ),
    );
    expect(text).toContain('同意你（单位）分期缴纳上述罚款：第一期2026年12月31日前缴纳1000.00元');
    expect(text).not.toContain('延期至');
  });
});
