import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkFields,
  createTemplateRegistry,
  draftSchema,
  getTemplate,
  issueSchema,
  listTemplates,
  parseTemplate,
  prefill,
  TemplateError,
  type Template,
} from './index';
import { sampleContext } from './sample-context';

const REQUIRED_IDS = [
  'complaint_register',
  'filing_approval',
  'internal_approval',
  'non_acceptance_decision',
  'supplement_notice',
  'referral_advice',
  'transfer_letter',
];

const templatesDir = new URL('./templates/', import.meta.url);
const template = (id: string): Template => {
  const t = getTemplate(id);
  if (!t) {
    throw new Error(`no template ${id}`);
  }
  return t;
};

describe('templates', () => {
  it.each(readdirSync(templatesDir).filter((n) => n.endsWith('.json')))('%s validates', (name) => {
    const raw: unknown = JSON.parse(readFileSync(new URL(name, templatesDir), 'utf8'));
    const t = parseTemplate(raw, name);
    expect(name).toBe(`${t.id}.v${t.version}.json`);
  });

  it('A5.1 the provincial set is registered', () => {
    expect(listTemplates().map((t) => t.id)).toEqual(expect.arrayContaining(REQUIRED_IDS));
  });

  it('numbered documents have a 文号 pattern; internal forms have none', () => {
    for (const id of ['non_acceptance_decision', 'supplement_notice', 'referral_advice', 'transfer_letter']) {
      expect(template(id).numberPattern).toMatch(/〔\{year\}〕第\{n\}号$/);
    }
    for (const id of ['complaint_register', 'filing_approval', 'internal_approval']) {
      expect(template(id).numberPattern).toBeUndefined();
    }
  });

  it('filing_approval has the fields of RULES.md Appendix B', () => {
    const t = template('filing_approval');
    expect(t.fields.map((f) => f.key)).toEqual(
      expect.arrayContaining(['source', 'cause', 'facts', 'officerOpinion', 'unitOpinion', 'headApproval']),
    );
    const rows = t.layout.flatMap((b) => (b.type === 'table' ? b.rows : []));
    expect(rows.map((r) => r.type)).toEqual(expect.arrayContaining(['party', 'officers', 'opinion']));
    expect(rows.filter((r) => r.type === 'opinion').map((r) => r.role)).toEqual([
      'officer',
      'unit_head',
      'agency_head',
    ]);
  });

  it('A6.2 internal_approval offers the matter types the rules name', () => {
    const matter = template('internal_approval').fields.find((f) => f.key === 'matterType');
    expect(matter?.options?.map((o) => o.label['zh-CN'])).toEqual(
      expect.arrayContaining(['不予受理', '案件移送', '行政处罚建议', '先行登记保存证据']),
    );
  });

  it('a template with an unknown placeholder or list field is refused with every problem', () => {
    const bad = {
      ...template('transfer_letter'),
      layout: [
        { type: 'paragraph', text: '{{nope}}' },
        { type: 'list', field: 'cause' },
      ],
    };
    expect(() => parseTemplate(bad, 'bad')).toThrow(TemplateError);
    try {
      parseTemplate(bad, 'bad');
    } catch (e) {
      expect((e as TemplateError).problems).toEqual([
        expect.stringContaining('{{nope}}'),
        expect.stringContaining('cause is not a list field'),
      ]);
    }
  });
});

describe('registry versions', () => {
  const v2 = { ...template('referral_advice'), version: 2, title: '告知书（2025年版）' };

  it('a bureau directory adds a version; the old one stays available to old documents', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qc-templates-'));
    writeFileSync(join(dir, 'referral_advice.v2.json'), JSON.stringify(v2));
    const registry = createTemplateRegistry([dir]);
    expect(registry.get('referral_advice')?.version).toBe(2);
    expect(registry.get('referral_advice', 1)?.title).toBe('告知书');
    expect(registry.versions('referral_advice').map((t) => t.version)).toEqual([1, 2]);
    expect(registry.get('referral_advice', 3)).toBeUndefined();
  });

  it('a published version cannot be changed in place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qc-templates-'));
    writeFileSync(join(dir, 'changed.json'), JSON.stringify({ ...v2, version: 1 }));
    expect(() => createTemplateRegistry([dir])).toThrow(/already published/);
  });
});

describe('prefill', () => {
  it('fills fields from the case context, shaped for their types', () => {
    const values = prefill(template('filing_approval'), sampleContext());
    expect(values).toMatchObject({
      source: 'complaint',
      receivedOn: '2024-03-01',
      cause: '拖欠劳动者工资',
      officerOpinion: '建议立案调查。',
    });
    expect(values.facts).toEqual(expect.stringContaining('恒通建筑'));
  });

  it('officers prefill as text with certificate numbers; missing context leaves the field out', () => {
    const values = prefill(template('complaint_register'), sampleContext({ complainant: undefined }));
    expect(values.receiver).toBe('张三（执法证号 13052020001）、李四（执法证号 13052020002）');
    expect(values).not.toHaveProperty('complainantName');
    expect(values.respondentName).toBe('临西县恒通建筑工程有限公司');
  });

  it('prefilled values pass the draft schema', () => {
    for (const t of listTemplates()) {
      expect(draftSchema(t).safeParse(prefill(t, sampleContext())).success).toBe(true);
    }
  });
});

describe('draft and issue schemas', () => {
  const t = template('non_acceptance_decision');

  it('a draft may leave required fields empty but not break their types', () => {
    expect(draftSchema(t).safeParse({ complainantName: '' }).success).toBe(true);
    expect(draftSchema(t).safeParse({ receivedOn: '2024-02-30' }).success).toBe(false);
    expect(draftSchema(t).safeParse({ unknownField: 'x' }).success).toBe(false);
  });

  it('issuing refuses a missing required field, naming its label in zh-CN and en', () => {
    const values = { ...prefill(t, sampleContext()), violationEndedOn: '' };
    const result = checkFields(t, values, 'issue');
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems).toEqual([
      {
        field: 'violationEndedOn',
        message: { 'zh-CN': '请填写“违法行为终了日期”', en: '“Date the violation ended” is required' },
      },
    ]);
    const issue = issueSchema(t).safeParse(values);
    expect(issue.error?.issues[0]?.message).toBe('请填写“违法行为终了日期”');
    expect(checkFields(t, prefill(t, sampleContext()), 'issue').ok).toBe(true);
  });

  it('a list field is required as at least one row, with typed columns', () => {
    const letter = template('transfer_letter');
    const base = { ...prefill(letter, sampleContext()), recipientAuthority: '临西县公安局', reason: 'crime' };
    expect(checkFields(letter, { ...base, materials: [] }, 'issue').ok).toBe(false);
    expect(
      checkFields(letter, { ...base, materials: [{ item: '询问笔录', pages: 'five' }] }, 'issue').ok,
    ).toBe(false);
    expect(checkFields(letter, { ...base, materials: [{ item: '询问笔录', pages: 5 }] }, 'issue').ok).toBe(
      true,
    );
  });
});
