import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkFields,
  formatDocumentNumber,
  getTemplate,
  listTemplates,
  preloadFonts,
  prefill,
  renderDocx,
  renderPdf,
  type FieldValues,
  type Template,
} from './index';
import { sampleContext } from './sample-context';

/**
 * The investigation stage of the penalty procedure (RULES.md A7): 检查(勘验)笔录, 调查询问通知书,
 * 询问笔录, 先行登记保存证据通知书 and its 处理通知书, 审计(鉴定)委托书 and 通知书, 调查终结报告.
 * Each is rendered with the sample case and read back with pdftotext.
 */

const dir = mkdtempSync(join(tmpdir(), 'qc-investigation-'));
let seq = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The PDF's text in reading order, whitespace removed (wrapped lines join up). */
function flatText(pdf: Buffer): string {
  const file = join(dir, `doc-${++seq}.pdf`);
  writeFileSync(file, pdf);
  // Page footers are dropped: a paragraph running onto the next page reads on unbroken.
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' })
    .replace(/\s+/g, '')
    .replace(/第\d+页共\d+页/g, '');
}

const template = (id: string): Template => {
  const t = getTemplate(id);
  if (!t) {
    throw new Error(`no template ${id}`);
  }
  return t;
};

const NUMBERED: Record<string, string> = {
  inquiry_notice: '临人社监询〔{year}〕第{n}号',
  preservation_notice: '临人社监保〔{year}〕第{n}号',
  preservation_release: '临人社监保处〔{year}〕第{n}号',
  audit_commission: '临人社监委〔{year}〕第{n}号',
  audit_notice: '临人社监审〔{year}〕第{n}号',
};
const UNNUMBERED = ['inspection_record', 'interview_record', 'investigation_report'];
const IDS = [...UNNUMBERED, ...Object.keys(NUMBERED)];

const RECIPIENTS: Record<string, Template['recipient']> = {
  inspection_record: 'party',
  inquiry_notice: 'party',
  interview_record: 'party',
  preservation_notice: 'party',
  preservation_release: 'party',
  audit_commission: 'authority',
  audit_notice: 'party',
  investigation_report: 'internal',
};

const context = sampleContext();

/** What an officer would have filled in, on top of the prefilled values, to issue each document. */
const EXTRA: Record<string, FieldValues> = {
  inspection_record: {
    startAt: '2024-03-06T09:30',
    endAt: '2024-03-06T11:05',
    place: '临西县临西镇建设路88号（恒通建筑项目部办公室，门口挂有“恒通建筑”铭牌）',
    onSiteRep: '王五（法定代表人）',
    presentPersons: [{ name: '刘会计', position: '临西县恒通建筑工程有限公司 会计', phone: '13700000000' }],
    recorder: '李四',
    witness: '陈九',
    findings:
      '检查人员在项目部办公室查阅了该公司2023年10月至2024年2月的工资发放表、考勤记录和银行代发明细，工资发放表显示赵六等3人2023年10月后无发放记录。',
    deviceNumber: 'DSJ-A0123456',
  },
  inquiry_notice: {
    appearAt: '2024-03-08T09:30',
    appearPlace: '临西县人力资源和社会保障局劳动保障监察大队（临西县政务服务中心二楼）',
    askFor: '张三',
    materials: [
      { item: '营业执照副本复印件（加盖公章）' },
      { item: '法定代表人身份证明或者授权委托书', note: '原件' },
      { item: '2023年10月至今的工资发放表及考勤记录' },
    ],
    contactName: '张三',
    contactPhone: '0319-8000000',
  },
  interview_record: {
    startAt: '2024-03-08T09:40',
    endAt: '2024-03-08T10:55',
    place: '临西县人力资源和社会保障局劳动保障监察大队询问室',
    intervieweeName: '王五',
    intervieweeSex: 'male',
    intervieweeIdNumber: '130535197501011234',
    intervieweePosition: '法定代表人',
    intervieweeAddress: '临西县临西镇建设路90号',
    intervieweePhone: '13600000000',
    relation: 'legal_rep',
    recorder: '李四',
    qa: [
      { question: '以上内容你是否听清楚？是否申请执法人员回避？', answer: '听清楚了，不申请回避。' },
      { question: '赵六是否在你公司工作？', answer: '是，2023年3月入职，做钢筋工。' },
      { question: '赵六2023年10月以后的工资是否已经支付？', answer: '还没有发，项目款没有结算。' },
    ],
  },
  preservation_notice: {
    items: [
      { name: '工资发放表', specification: 'A4，装订成册', quantity: '5册', keptAt: '该公司财务室文件柜' },
      {
        name: '考勤记录',
        specification: '2023年10月至2024年2月',
        quantity: '1册',
        keptAt: '该公司财务室文件柜',
      },
    ],
    decisionBy: '2024-03-14',
  },
  preservation_release: {
    preservationNoticeNumber: '临人社监保〔2024〕第2号',
    preservationNoticeDate: '2024-03-05',
    items: [
      {
        name: '工资发放表',
        specification: 'A4，装订成册',
        quantity: '5册',
        handling: '复制后解除登记保存并退还原件',
      },
      {
        name: '考勤记录',
        specification: '2023年10月至2024年2月',
        quantity: '1册',
        handling: '解除登记保存并退还',
      },
    ],
    returnPlace: '临西县人力资源和社会保障局劳动保障监察大队',
  },
  audit_commission: {
    bodyName: '河北某某会计师事务所有限公司',
    matter:
      '临西县恒通建筑工程有限公司2023年10月至2024年2月工资支付情况，包括应发工资、实发工资及拖欠工资的人数和金额。',
    materials: [
      { item: '工资发放表（复印件）', pages: 36 },
      { item: '银行代发工资明细（复印件）', pages: 12, note: '加盖银行印章' },
    ],
    completeBy: '2024-04-10',
    contactName: '张三',
    contactPhone: '0319-8000000',
  },
  audit_notice: {
    commissionType: 'audit',
    bodyName: '河北某某会计师事务所有限公司',
    matter: '你单位2023年10月至2024年2月的工资支付情况。',
    startOn: '2024-03-20',
    endOn: '2024-04-10',
    materials: [{ item: '财务会计账簿、记账凭证' }, { item: '工资发放表、考勤记录', note: '原件备查' }],
  },
  investigation_report: {
    course:
      '2024年3月4日立案后，执法人员于3月6日对该公司进行现场检查，3月8日询问该公司法定代表人王五，并调取了工资发放表、考勤记录等材料。',
    evidence: [
      { item: '询问笔录（王五）', proves: '该公司承认未支付赵六等3人2023年10月以后的工资' },
      { item: '工资发放表、银行代发明细', proves: '拖欠工资的人数、期间和金额' },
    ],
    nature: '该公司无正当理由拖欠劳动者工资，违反了《中华人民共和国劳动法》第五十条的规定。',
    legalBasis: '《劳动保障监察条例》第二十六条第（一）项',
    proposal: 'correction_order',
    proposedPenalty: '责令该公司限期支付拖欠的劳动报酬。',
  },
};

const completed = (t: Template): FieldValues => ({ ...prefill(t, context), ...(EXTRA[t.id] ?? {}) });
const numberFor = (t: Template) =>
  t.numberPattern ? formatDocumentNumber(t.numberPattern, 2024, 7) : undefined;

describe('investigation templates (A7)', () => {
  it('A7 the eight investigation documents are registered, numbered where they are served', () => {
    expect(listTemplates().map((t) => t.id)).toEqual(expect.arrayContaining(IDS));
    for (const id of IDS) {
      const t = template(id);
      expect(t.version, id).toBe(1);
      expect(t.recipient, id).toBe(RECIPIENTS[id]);
      expect(t.numberPattern, id).toBe(NUMBERED[id]);
      expect(
        t.layout.some((b) => b.type === 'number'),
        id,
      ).toBe(id in NUMBERED);
    }
  });

  it('every field has zh-CN and en labels; the completed values pass the issue check', () => {
    for (const id of IDS) {
      const t = template(id);
      for (const field of t.fields) {
        expect(field.label.en, `${id}.${field.key}`).not.toBe('');
        expect(field.label['zh-CN'], `${id}.${field.key}`).not.toBe('');
      }
      expect(checkFields(t, completed(t), 'issue'), id).toMatchObject({ ok: true });
    }
  });

  it.each(
    IDS.flatMap((id) =>
      template(id)
        .fields.filter((f) => f.required)
        .map((f) => [id, f.key]),
    ),
  )('%s: issuing without the required field %s is refused, naming it', (id, key) => {
    const t = template(id);
    const field = t.fields.find((f) => f.key === key);
    const empty = field?.type === 'list' ? [] : '';
    const result = checkFields(t, { ...completed(t), [key]: empty }, 'issue');
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems).toEqual([
      {
        field: key,
        message: { 'zh-CN': `请填写“${field?.label['zh-CN']}”`, en: `“${field?.label.en}” is required` },
      },
    ]);
    expect(checkFields(t, { ...completed(t), [key]: empty }, 'draft').ok).toBe(true);
  });

  it('A7.1 issuing an inspection record without the body-camera device number is refused', () => {
    const t = template('inspection_record');
    const { deviceNumber: _omitted, ...values } = completed(t);
    const result = checkFields(t, values, 'issue');
    expect(result.ok ? [] : result.problems.map((p) => p.field)).toEqual(['deviceNumber']);
  });

  it('A7.2 an interview record needs at least one question and answer to be issued', () => {
    const t = template('interview_record');
    expect(checkFields(t, { ...completed(t), qa: [] }, 'issue').ok).toBe(false);
    expect(checkFields(t, { ...completed(t), qa: [{ question: '问', answer: 2 }] }, 'issue').ok).toBe(false);
  });
});

describe('investigation templates as PDF', () => {
  const rendered = new Map<string, string>();

  beforeAll(async () => {
    preloadFonts();
    for (const id of IDS) {
      const t = template(id);
      const number = numberFor(t);
      const pdf = await renderPdf(t, completed(t), context, { draft: false, ...(number ? { number } : {}) });
      rendered.set(id, flatText(pdf));
    }
  });
  const out = (id: string) => rendered.get(id) ?? '';

  it.each(IDS)('%s shows its title, agency, 文号 and party', (id) => {
    const t = template(id);
    expect(out(id)).toContain(t.title);
    expect(out(id)).toContain('临西县人力资源和社会保障局');
    expect(out(id)).toContain('临西县恒通建筑工程有限公司');
    const number = numberFor(t);
    if (number) {
      expect(out(id)).toContain(number);
    }
    expect(out(id)).not.toContain('【');
  });

  it('A19.2 the records, the report and the preservation notices name the officers with certificate numbers', () => {
    for (const id of [
      'inspection_record',
      'interview_record',
      'investigation_report',
      'preservation_notice',
      'preservation_release',
    ]) {
      for (const officer of context.officers) {
        expect(out(id), id).toContain(`${officer.name}（执法证号${officer.certNo}）`);
      }
    }
  });

  it('A7.1 the inspection record carries the recording announcement, the shown certificates, the device number and the confirmation', () => {
    const text = out('inspection_record');
    expect(text).toContain('出示执法证件');
    expect(text).toContain('“为保护您的合法权益，监督我的执法行为，对本次执法事项将全程录音录像。”');
    expect(text).toContain('已使用执法记录仪进行全过程录音录像，设备编号：DSJ-A0123456');
    expect(text).toContain('开始时间2024年3月6日09时30分');
    expect(text).toContain('结束时间2024年3月6日11时05分');
    expect(text).toContain('刘会计');
    expect(text).toContain('以上笔录我已看过，与事实相符。');
    expect(text).toContain('被检查(勘验)人以上笔录我已看过，与事实相符。签名（盖章）：');
    for (const who of ['检查(勘验)人员', '记录人', '见证人']) {
      expect(text).toContain(`${who}签名：`);
    }
  });

  it('A7.2 the inquiry notice says when and where to come, whom to ask for and what to bring', () => {
    const text = out('inquiry_notice');
    expect(text).toContain('临西县恒通建筑工程有限公司：');
    expect(text).toContain('根据《劳动保障监察条例》第十五条、《中华人民共和国行政处罚法》第五十五条的规定');
    expect(text).toContain('于2024年3月8日09时30分到临西县人力资源和社会保障局劳动保障监察大队');
    expect(text).toContain('届时请找张三');
    expect(text).toContain('2023年10月至今的工资发放表及考勤记录');
    expect(text).toContain('《劳动保障监察条例》第三十条');
  });

  it('A7.2 the interview record carries the rights paragraph, the questions and answers and the closing confirmation', () => {
    const text = out('interview_record');
    expect(text).toContain('已向你出示执法证件');
    expect(text).toContain('你应当如实回答询问');
    expect(text).toContain('有权申请执法人员回避');
    expect(text).toContain('你有权进行陈述和申辩');
    expect(text).toContain('《中华人民共和国行政处罚法》第五十五条');
    expect(text).toContain('被询问人王五性别男');
    expect(text).toContain('身份证号码130535197501011234');
    expect(text).toContain('与本案关系当事人的法定代表人(负责人)');
    expect(text).toContain('问答');
    expect(text).toContain('赵六2023年10月以后的工资是否已经支付？');
    expect(text).toContain('还没有发，项目款没有结算。');
    expect(text).toContain('以上笔录我已看过（或向我宣读过），与我说的相符。');
    expect(text).toContain('被询问人以上笔录我已看过');
    expect(text).toContain('询问人签名：');
    expect(text).toContain('记录人签名：');
    expect(text).toContain('逐页签名');
  });

  it('A7.3 the preservation notice cites 行政处罚法第五十六条, the seven-working-day decision and the party’s duties', () => {
    const text = out('preservation_notice');
    expect(text).toContain('《中华人民共和国行政处罚法》第五十六条');
    expect(text).toContain('经本机关负责人批准');
    expect(text).toContain('七个工作日内');
    expect(text).toContain('作出处理决定的期限至2024年3月14日');
    expect(text).toContain('不得销毁或者转移上述证据');
    expect(text).toContain('该公司财务室文件柜');
    expect(text).toContain('六十日内向临西县人民政府申请行政复议');
    expect(text).toContain('六个月内依法向临西县人民法院提起行政诉讼');
  });

  it('A7.3 the handling notice refers to the preservation notice and states the handling of each item', () => {
    const text = out('preservation_release');
    expect(text).toContain('本机关于2024年3月5日以《先行登记保存证据通知书》（临人社监保〔2024〕第2号）');
    expect(text).toContain('《中华人民共和国行政处罚法》第五十六条');
    expect(text).toContain('复制后解除登记保存并退还原件');
    expect(text).toContain('先行登记保存措施解除');
  });

  it('A7.4 the commission asks the expert body for a report by a date; the notice tells the party to cooperate', () => {
    const commission = out('audit_commission');
    expect(commission).toContain('河北某某会计师事务所有限公司：');
    expect(commission).toContain('现委托你单位对下列事项进行审计');
    expect(commission).toContain('银行代发工资明细（复印件）12加盖银行印章');
    expect(commission).toContain('于2024年4月10日前向本机关出具具有法律效力的书面审计报告');
    expect(commission).toContain('联系人：张三');
    const notice = out('audit_notice');
    expect(notice).toContain('已委托河北某某会计师事务所有限公司对你单位下列事项进行审计');
    expect(notice).toContain('审计工作定于2024年3月20日至2024年4月10日进行');
    expect(notice).toContain('财务会计账簿、记账凭证');
    expect(notice).toContain('不得拒绝、阻挠');
  });

  it('A7.5 the investigation report states the course, facts, evidence, legal basis and proposal for signature', () => {
    const text = out('investigation_report');
    expect(text).toContain('案号临人社监立〔2024〕第3号');
    expect(text).toContain('立案日期2024年3月4日');
    expect(text).toContain('3月8日询问该公司法定代表人王五');
    expect(text).toContain('拖欠工资的人数、期间和金额');
    expect(text).toContain('处理建议责令限期改正');
    expect(text).toContain('《劳动保障监察条例》第二十六条第（一）项');
    expect(text).toContain('承办人签名签名：2024年3月5日');
    expect(text).toContain('“行政处罚建议”');
  });

  it('A7.5 a proposed fine prints with two decimals', async () => {
    const t = template('investigation_report');
    const values = { ...completed(t), proposal: 'penalty', fineAmount: 20000 };
    expect(flatText(await renderPdf(t, values, context, { draft: false }))).toContain(
      '处理建议给予行政处罚拟罚款(元)20,000.00',
    );
  });

  it('a draft shows the numbered pattern with a blank sequence and marks the missing fields', async () => {
    const t = template('preservation_notice');
    const values = { ...completed(t), partyName: '' };
    const text = flatText(await renderPdf(t, values, context, { draft: true }));
    expect(text).toContain('草稿DRAFT');
    expect(text).toContain('临人社监保〔2024〕第号');
    expect(text).toContain('【当事人】：');
  });
});

describe('investigation templates as DOCX', () => {
  it.each(IDS)('%s renders its title and the party', async (id) => {
    const t = template(id);
    const number = numberFor(t);
    const bytes = await renderDocx(t, completed(t), context, { draft: false, ...(number ? { number } : {}) });
    const document = strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml'] ?? new Uint8Array());
    expect(document).toContain(t.title);
    expect(document).toContain('临西县恒通建筑工程有限公司');
    if (number) {
      expect(document).toContain(number);
    }
  });
});
