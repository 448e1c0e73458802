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
 * The review and decision stages of the penalty procedure (RULES.md A8, A9): 事先告知书,
 * 陈述、申辩笔录, 听证告知书, 听证通知书, 听证笔录, 听证报告, 案件集体讨论笔录, 法制审核意见书,
 * 责令限期改正通知书, 行政处罚(处理)决定书. Each is rendered with the sample case and read back with
 * pdftotext.
 */

const dir = mkdtempSync(join(tmpdir(), 'qc-review-'));
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
  prior_notice: '临人社监告知〔{year}〕第{n}号',
  hearing_right_notice: '临人社监听告〔{year}〕第{n}号',
  hearing_notice: '临人社监听通〔{year}〕第{n}号',
  correction_order: '临人社监责改〔{year}〕第{n}号',
  penalty_decision: '临人社监罚〔{year}〕第{n}号',
};
const UNNUMBERED = [
  'statement_record',
  'hearing_record',
  'hearing_report',
  'collective_discussion',
  'legal_review',
];
const IDS = [...Object.keys(NUMBERED), ...UNNUMBERED];

const RECIPIENTS: Record<string, Template['recipient']> = {
  prior_notice: 'party',
  statement_record: 'party',
  hearing_right_notice: 'party',
  hearing_notice: 'party',
  hearing_record: 'party',
  hearing_report: 'internal',
  collective_discussion: 'internal',
  legal_review: 'internal',
  correction_order: 'party',
  penalty_decision: 'party',
};

const context = sampleContext();

const EVIDENCE = [
  { item: '询问笔录（王五）', proves: '该公司承认未支付赵六等3人2023年10月以后的工资' },
  { item: '工资发放表、银行代发明细', proves: '拖欠工资的人数、期间和金额' },
];

/** What an officer would have filled in, on top of the prefilled values, to issue each document. */
const EXTRA: Record<string, FieldValues> = {
  prior_notice: {
    evidence: EVIDENCE,
    violatedProvision: '《中华人民共和国劳动法》第五十条',
    legalBasis: '《劳动保障监察条例》第二十六条',
    proposedPenalty: '责令支付拖欠赵六等3人的劳动报酬，并处罚款。',
    fineAmount: 20000,
    statementPlace: '临西县人力资源和社会保障局劳动保障监察大队',
    contactName: '张三',
    contactPhone: '0319-8000000',
  },
  statement_record: {
    startAt: '2024-03-12T09:00',
    endAt: '2024-03-12T09:50',
    place: '临西县人力资源和社会保障局劳动保障监察大队询问室',
    identity: 'legal_rep',
    statementByIdNumber: '130535197501011234',
    statementByPhone: '13600000000',
    priorNoticeNumber: '临人社监告知〔2024〕第4号',
    recorder: '李四',
    statement: '公司承认拖欠工资属实，原因是建设单位未按期拨付工程款，请求从轻处罚。',
    evidenceSubmitted: '与建设单位的工程款结算函（复印件）1份',
    reply: '对你提出的事实和理由，本机关将进行复核后依法作出决定。',
    deviceNumber: 'DSJ-A0123456',
  },
  hearing_right_notice: {
    legalBasis: '《劳动保障监察条例》第二十六条',
    proposedPenalty: '罚款人民币50,000元。',
    fineAmount: 50000,
    requestPlace: '临西县人力资源和社会保障局政策法规股',
    contactName: '张三',
    contactPhone: '0319-8000000',
  },
  hearing_notice: {
    requestedOn: '2024-03-13',
    hearingAt: '2024-03-26T09:00',
    hearingPlace: '临西县人力资源和社会保障局三楼听证室',
    presidingOfficer: '周八',
    hearingOfficers: '吴十',
    recorder: '郑十一',
    contactName: '周八',
    contactPhone: '0319-8000001',
  },
  hearing_record: {
    startAt: '2024-03-26T09:00',
    endAt: '2024-03-26T10:40',
    place: '临西县人力资源和社会保障局三楼听证室',
    presidingOfficer: '周八',
    hearingOfficers: '吴十',
    recorder: '郑十一',
    agents: [{ name: '钱律师', employer: '河北某某律师事务所 律师', authority: '一般代理' }],
    proceedings: [
      { speaker: '主持人', content: '宣布听证开始，核对身份，宣布听证纪律，告知权利。当事人是否申请回避？' },
      { speaker: '当事人', content: '不申请回避。' },
      { speaker: '调查人员', content: '张三陈述该公司拖欠赵六等3人工资的事实、证据和处罚建议。' },
      { speaker: '代理人', content: '对拖欠事实无异议，但拖欠系建设单位未拨付工程款所致，请求减轻处罚。' },
      { speaker: '当事人', content: '最后陈述：公司将尽快支付工资，请求从轻处罚。' },
    ],
    deviceNumber: 'TZ-LY-0007',
  },
  hearing_report: {
    hearingOn: '2024-03-26',
    hearingPlace: '临西县人力资源和社会保障局三楼听证室',
    presidingOfficer: '周八',
    hearingOfficers: '吴十',
    recorder: '郑十一',
    investigatorsPoints:
      '调查人员认为该公司拖欠赵六等3人工资12000元，事实清楚，证据确实充分，建议罚款50,000元。',
    partyPoints: '当事人对拖欠事实无异议，提出系建设单位未拨付工程款所致，请求减轻处罚。',
    findings: '该公司拖欠赵六等3人2023年10月至2024年2月工资共计12000元的事实清楚。',
    opinion: '建议维持调查人员提出的处理意见，责令支付拖欠的工资，罚款人民币30,000元。',
  },
  collective_discussion: {
    startAt: '2024-03-28T15:00',
    endAt: '2024-03-28T16:10',
    place: '临西县人力资源和社会保障局会议室',
    chair: '钱局长',
    recorder: '李四',
    attendees: [
      { name: '钱局长', position: '局长' },
      { name: '孙七', position: '劳动保障监察大队队长' },
      { name: '周八', position: '政策法规股股长' },
    ],
    discussion: [
      { speaker: '孙七', opinion: '事实清楚，证据充分，同意处罚建议。' },
      { speaker: '周八', opinion: '程序合法，建议采纳听证报告意见，罚款30,000元。' },
    ],
    conclusion: '责令该公司支付拖欠的工资，并处罚款人民币30,000元。',
  },
  legal_review: {
    submittedOn: '2024-03-27',
    proposedDecision: '责令该公司支付拖欠的工资，并处罚款人民币30,000元。',
    factsReview: '违法事实清楚。',
    evidenceReview: '证据确实、充分。',
    procedureReview: '已依法告知陈述、申辩和听证权利，并举行听证，程序合法。',
    lawReview: '适用《劳动保障监察条例》第二十六条准确。',
    discretionReview: '处罚幅度符合裁量基准。',
    opinion: 'agree_with_changes',
    reasons: '建议在决定书中写明当事人陈述、申辩及听证意见的采纳情况。',
    reviewer: '周八',
  },
  correction_order: {
    violatedProvision: '《中华人民共和国劳动法》第五十条',
    correction: '支付拖欠赵六等3人的劳动报酬共计12000元。',
    correctBy: '2024-03-20',
    contactName: '张三',
    contactPhone: '0319-8000000',
  },
  penalty_decision: {
    evidence: EVIDENCE,
    priorNoticeNumber: '临人社监告知〔2024〕第4号',
    priorNoticeDate: '2024-03-11',
    defenceSummary:
      '你单位在陈述、申辩及听证中提出拖欠工资系建设单位未拨付工程款所致，经复核，本机关部分采纳。',
    violatedProvision: '《中华人民共和国劳动法》第五十条',
    penaltyBasis: '《劳动保障监察条例》第二十六条',
    penaltyType: 'fine',
    penaltyContent: '罚款人民币30,000元。',
    fineAmount: 30000,
    payTo: '中国农业银行临西县支行',
    account: '5012 0101 0400 0000 1',
  },
};

const completed = (t: Template): FieldValues => ({ ...prefill(t, context), ...(EXTRA[t.id] ?? {}) });
const numberFor = (t: Template) =>
  t.numberPattern ? formatDocumentNumber(t.numberPattern, 2024, 7) : undefined;

describe('review and decision templates (A8, A9)', () => {
  it('A8–A9 the ten documents are registered, numbered where they are served', () => {
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
      expect(t.titleEn, id).not.toBe('');
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
    const empty =
      field?.type === 'list' ? [] : field?.type === 'number' || field?.type === 'money' ? null : '';
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

  it('A8.1 the prior notice gives 3 days to state and defend by default', () => {
    expect(prefill(template('prior_notice'), context).statementWithinDays).toBe(3);
  });

  it('A8.4 a hearing notice cannot be issued without the time, the place and the presiding officer', () => {
    const t = template('hearing_notice');
    const { hearingAt: _a, hearingPlace: _p, presidingOfficer: _o, ...values } = completed(t);
    const result = checkFields(t, values, 'issue');
    expect(result.ok ? [] : result.problems.map((p) => p.field)).toEqual([
      'hearingAt',
      'hearingPlace',
      'presidingOfficer',
    ]);
  });

  it('A8.5 issuing a hearing record without the recording device number is refused', () => {
    const t = template('hearing_record');
    const { deviceNumber: _omitted, ...values } = completed(t);
    const result = checkFields(t, values, 'issue');
    expect(result.ok ? [] : result.problems.map((p) => p.field)).toEqual(['deviceNumber']);
  });

  it('A8.6 a hearing report needs the presiding officer', () => {
    const t = template('hearing_report');
    const result = checkFields(t, { ...completed(t), presidingOfficer: '' }, 'issue');
    expect(result.ok ? [] : result.problems.map((p) => p.field)).toEqual(['presidingOfficer']);
  });

  it('A9.1 a correction order needs the date to correct by; the penalty decision needs the penalty', () => {
    const order = template('correction_order');
    const refused = checkFields(order, { ...completed(order), correctBy: '' }, 'issue');
    expect(refused.ok ? [] : refused.problems.map((p) => p.field)).toEqual(['correctBy']);
    const decision = template('penalty_decision');
    const { penaltyType: _t, penaltyContent: _c, ...values } = completed(decision);
    const result = checkFields(decision, values, 'issue');
    expect(result.ok ? [] : result.problems.map((p) => p.field)).toEqual(['penaltyType', 'penaltyContent']);
  });

  it('A9.1 the penalty decision offers every kind of penalty the rules name', () => {
    const kinds = template('penalty_decision').fields.find((f) => f.key === 'penaltyType');
    expect(kinds?.options?.map((o) => o.label['zh-CN'])).toEqual([
      '警告',
      '罚款',
      '没收违法所得',
      '责令停产停业',
      '吊销许可证',
      '其他',
    ]);
  });

  it('A9.2 the legal review opinion is agree, agree with changes or disagree', () => {
    const opinion = template('legal_review').fields.find((f) => f.key === 'opinion');
    expect(opinion?.options?.map((o) => o.value)).toEqual(['agree', 'agree_with_changes', 'disagree']);
  });
});

describe('review and decision templates as PDF', () => {
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

  it('A19.2 the records, reports and notices name the officers with certificate numbers', () => {
    for (const id of [
      'prior_notice',
      'statement_record',
      'hearing_record',
      'hearing_report',
      'collective_discussion',
      'legal_review',
      'correction_order',
    ]) {
      for (const officer of context.officers) {
        expect(out(id), id).toContain(`${officer.name}（执法证号${officer.certNo}）`);
      }
    }
  });

  it('A8.1 the prior notice states facts, evidence, basis and the proposed penalty, and the right to state and defend', () => {
    const text = out('prior_notice');
    expect(text).toContain('临西县恒通建筑工程有限公司：');
    expect(text).toContain('自2023年10月起拖欠其工资共计12000元');
    expect(text).toContain('拖欠工资的人数、期间和金额');
    expect(text).toContain('违反了《中华人民共和国劳动法》第五十条的规定');
    expect(text).toContain(
      '根据《劳动保障监察条例》第二十六条的规定，本机关拟对你（单位）作出如下行政处罚(处理)',
    );
    expect(text).toContain('拟处罚款金额：人民币20,000.00元。');
    expect(text).toContain(
      '《中华人民共和国行政处罚法》第四十四条、第四十五条和《劳动保障监察条例》第十九条',
    );
    expect(text).toContain('请于收到本告知书之日起3日内向本机关提出');
    expect(text).toContain('不因你（单位）陈述、申辩而给予更重的处罚');
    expect(text).toContain('逾期未提出陈述、申辩的，视为放弃陈述、申辩的权利');
    expect(text).toContain('联系人：张三联系电话：0319-8000000');
  });

  it('A8.2 the statement record names who stated, the officers, the statement, the reply and the confirmation', () => {
    const text = out('statement_record');
    expect(text).toContain('开始时间2024年3月12日09时00分');
    expect(text).toContain('陈述、申辩人王五身份当事人的法定代表人(负责人)');
    expect(text).toContain('事先告知书文号临人社监告知〔2024〕第4号');
    expect(text).toContain('已向你出示执法证件');
    expect(text).toContain('《中华人民共和国行政处罚法》第四十五条');
    expect(text).toContain('有权申请回避');
    expect(text).toContain('请求从轻处罚');
    expect(text).toContain('执法人员答复对你提出的事实和理由，本机关将进行复核');
    expect(text).toContain('设备编号：DSJ-A0123456');
    expect(text).toContain('陈述、申辩人以上笔录我已看过（或向我宣读过），与我说的相符。签名（捺印）：');
    expect(text).toContain('执法人员签名：');
    expect(text).toContain('记录人签名：');
  });

  it('A8.3 the hearing right notice gives five working days to ask for a hearing, else the right is waived', () => {
    const text = out('hearing_right_notice');
    expect(text).toContain('本机关拟对你（单位）作出如下行政处罚(处理)：罚款人民币50,000元。');
    expect(text).toContain('《中华人民共和国行政处罚法》第六十三条、第六十四条');
    expect(text).toContain('有要求举行听证的权利');
    expect(text).toContain('自收到本告知书之日起五个工作日内向本机关提出听证申请');
    expect(text).toContain('听证申请提交地点：临西县人力资源和社会保障局政策法规股');
    expect(text).toContain('逾期未提出听证申请的，视为放弃听证权利');
  });

  it('A8.4 the hearing notice gives time, place and presiding officer, the party’s rights, and is served seven days ahead', () => {
    const text = out('hearing_notice');
    expect(text).toContain('你（单位）于2024年3月13日提出的听证申请');
    expect(text).toContain('一、听证时间：2024年3月26日09时00分。');
    expect(text).toContain('二、听证地点：临西县人力资源和社会保障局三楼听证室。');
    expect(text).toContain('三、听证主持人：周八。');
    expect(text).toContain('听证员：吴十。');
    expect(text).toContain('记录员：郑十一。');
    expect(text).toContain('四、听证方式：公开举行。');
    expect(text).toContain('有权申请回避');
    expect(text).toContain('委托一至二人代理参加');
    expect(text).toContain('申辩和质证');
    expect(text).toContain('辩论');
    expect(text).toContain('最后陈述');
    expect(text).toContain('无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利');
    expect(text).toContain('《中华人民共和国行政处罚法》第六十四条第（二）项');
    expect(text).toContain('于举行听证的七日前送达');
  });

  it('A8.4 a private hearing says so and why', async () => {
    const t = template('hearing_notice');
    const values = { ...completed(t), publicity: 'private', privateReason: '涉及当事人的商业秘密' };
    const text = flatText(await renderPdf(t, values, context, { draft: false }));
    expect(text).toContain('四、听证方式：不公开举行。');
    expect(text).toContain('不公开举行的理由：涉及当事人的商业秘密。');
  });

  it('A8.5 the hearing record carries the participants, the proceedings and the full AV recording', () => {
    const text = out('hearing_record');
    expect(text).toContain('开始时间2024年3月26日09时00分');
    expect(text).toContain('结束时间2024年3月26日10时40分');
    expect(text).toContain('听证主持人周八听证员吴十');
    expect(text).toContain('记录员郑十一');
    expect(text).toContain('案件调查人员张三（执法证号13052020001）');
    expect(text).toContain('出席人员王五');
    expect(text).toContain('钱律师');
    expect(text).toContain('发言人发言内容');
    expect(text).toContain('对拖欠事实无异议');
    expect(text).toContain('本次听证已进行全过程录音录像，设备编号：TZ-LY-0007。');
    expect(text).toContain('当事人或其代理人以上笔录我已看过');
    for (const who of ['听证主持人', '听证员', '记录员', '案件调查人员']) {
      expect(text).toContain(`${who}签名：`);
    }
    expect(text).toContain('《中华人民共和国行政处罚法》第六十四条第（八）项');
  });

  it('A8.6 the hearing report is signed by the presiding officer and goes to the agency head with the record', () => {
    const text = out('hearing_report');
    expect(text).toContain('听证日期2024年3月26日');
    expect(text).toContain('听证主持人周八');
    expect(text).toContain('请求减轻处罚');
    expect(text).toContain('建议罚款50,000元');
    expect(text).toContain('处理意见建议维持调查人员提出的处理意见');
    expect(text).toContain('听证主持人签名：2024年3月5日');
    expect(text).toContain('五个工作日内写出并签名，连同《听证笔录》一并报送本机关负责人');
  });

  it('A9.2 the collective discussion record lists attendees, opinions and the decision for signature', () => {
    const text = out('collective_discussion');
    expect(text).toContain('主持人钱局长记录人李四');
    expect(text).toContain('政策法规股股长');
    expect(text).toContain('事实清楚，证据充分，同意处罚建议。');
    expect(text).toContain('讨论决定责令该公司支付拖欠的工资，并处罚款人民币30,000元。');
    expect(text).toContain('出席人员签名');
    expect(text).toContain('《中华人民共和国行政处罚法》第五十七条第二款');
  });

  it('A9.2 the legal review cites 行政处罚法第五十八条 and states each item reviewed and the opinion', () => {
    const text = out('legal_review');
    expect(text).toContain('《中华人民共和国行政处罚法》第五十八条');
    expect(text).toContain('未经法制审核或者审核未通过的，不得作出决定');
    expect(text).toContain('执法主体执法主体合法');
    expect(text).toContain('案件事实违法事实清楚。');
    expect(text).toContain('证据证据确实、充分。');
    expect(text).toContain('执法程序已依法告知陈述、申辩和听证权利');
    expect(text).toContain('法律适用适用《劳动保障监察条例》第二十六条准确。');
    expect(text).toContain('裁量基准处罚幅度符合裁量基准。');
    expect(text).toContain('审核意见修改后同意');
    expect(text).toContain('审核人员周八（签名）审核日期2024年3月5日');
    expect(text).toContain('法制机构负责人意见');
  });

  it('A9.1 the correction order names the violation, the basis, what to correct and by when, the re-check and the remedy', () => {
    const text = out('correction_order');
    expect(text).toContain('经调查，你（单位）存在以下违法行为');
    expect(text).toContain('违反了《中华人民共和国劳动法》第五十条的规定');
    expect(text).toContain('根据《劳动保障监察条例》第十八条第一款第（二）项的规定');
    expect(text).toContain(
      '本机关责令你（单位）于2024年3月20日前改正上述违法行为：支付拖欠赵六等3人的劳动报酬',
    );
    expect(text).toContain('本机关将对你（单位）的改正情况进行复查');
    expect(text).toContain('逾期不改正的，本机关将依照有关劳动保障法律、法规、规章的规定依法处理');
    expect(text).toContain('六十日内向临西县人民政府申请行政复议');
    expect(text).toContain('六个月内依法向临西县人民法院提起行政诉讼');
  });

  it('A9.1 the penalty decision carries every item of 行政处罚法第五十九条', () => {
    const text = out('penalty_decision');
    // (一) the party's name and address
    expect(text).toContain('当事人：临西县恒通建筑工程有限公司');
    expect(text).toContain('地址：临西县临西镇建设路88号');
    // (二) the facts and evidence of the violation
    expect(text).toContain('经查明：投诉人赵六反映');
    expect(text).toContain('上述事实有下列证据证明');
    expect(text).toContain('询问笔录（王五）');
    // (三) the kind and basis of the penalty
    expect(text).toContain('违反了《中华人民共和国劳动法》第五十条的规定');
    expect(text).toContain('根据《劳动保障监察条例》第二十六条的规定，经本机关负责人批准，本机关决定');
    expect(text).toContain('处罚种类：罚款。');
    expect(text).toContain('罚款金额：人民币30,000.00元。');
    // (四) how and by when to perform it
    expect(text).toContain('《中华人民共和国行政处罚法》第六十七条');
    expect(text).toContain('自收到本决定书之日起十五日内');
    expect(text).toContain('缴款银行：中国农业银行临西县支行；账号：50120101040000001。');
    expect(text).toContain('《中华人民共和国行政处罚法》第七十二条');
    expect(text).toContain('每日按罚款数额的百分之三加处罚款');
    // (五) the remedy route and period
    expect(text).toContain('六十日内向临西县人民政府申请行政复议');
    expect(text).toContain('六个月内依法向临西县人民法院提起行政诉讼');
    // (六) the deciding agency and the date, with the seal
    expect(text).toMatch(/临西县人力资源和社会保障局2024年3月5日（印章）/);
    // the prior notice and the party's defence
    expect(text).toContain(
      '本机关于2024年3月11日向你（单位）送达了《行政处罚(处理)事先告知书》（临人社监告知〔2024〕第4号）',
    );
    expect(text).toContain('经复核，本机关部分采纳');
  });

  it('A9.1 a decision without a fine has no payment paragraphs; a collective decision says so', async () => {
    const t = template('penalty_decision');
    const { fineAmount: _f, payTo: _p, account: _a, ...rest } = completed(t);
    const values = {
      ...rest,
      penaltyType: 'warning',
      penaltyContent: '给予警告。',
      decidedBy: 'collective',
    };
    expect(checkFields(t, values, 'issue').ok).toBe(true);
    const text = flatText(await renderPdf(t, values, context, { draft: false }));
    expect(text).toContain('处罚种类：警告。');
    expect(text).toContain('经本机关负责人集体讨论，本机关决定');
    expect(text).not.toContain('十五日内');
    expect(text).not.toContain('百分之三');
    expect(text).toContain('六十日内向临西县人民政府申请行政复议');
  });

  it('a draft shows the numbered pattern with a blank sequence and marks the missing fields', async () => {
    const t = template('hearing_notice');
    const values = { ...completed(t), hearingPlace: '' };
    const text = flatText(await renderPdf(t, values, context, { draft: true }));
    expect(text).toContain('草稿DRAFT');
    expect(text).toContain('临人社监听通〔2024〕第号');
    expect(text).toContain('二、听证地点：【听证地点】。');
  });
});

describe('review and decision templates as DOCX', () => {
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
