import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CaseDto, DocumentDto, DocumentTemplateDto } from '@quancheng/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect, startTestApp, type TestContext } from './harness';
import { buildPerson, signInAs } from './factories';
import type { Session } from './http-client';
import { newParty } from './fixtures/cases';

type Person = Session & { id: string; unitId: string };

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qc-doc-'));
  try {
    const file = path.join(dir, 'd.pdf');
    writeFileSync(file, pdf);
    // -raw without whitespace: the rotated watermark and wrapped lines read in order.
    return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describeEachDialect('documents (文书): draft, edit, preview, issue, correct, scans', (dialect) => {
  let c: TestContext & { stop(): Promise<void> };
  let officer: Person;
  let head: Person;
  let outsider: Person;
  let finance: Person;
  let caseId: string;
  let partyName: string;

  const db = () => c.app.deps.db;
  const leaves = async (subjectId?: string) => {
    let q = db().selectFrom('ledger_entries').selectAll().orderBy('seq');
    if (subjectId) {
      q = q.where('subject_id', '=', subjectId);
    }
    return q.execute();
  };
  const leafCount = async () => (await leaves()).length;
  const draft = async (templateId: string, s: Session = officer) => {
    const res = await s.post(`/api/cases/${caseId}/documents`, { templateId });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<DocumentDto>();
  };
  const issue = (id: string, s: Session = officer) => s.post(`/api/documents/${id}/issue`);
  const scan = (s: Session, id: string, bytes: Buffer, type: string, name = '签章 扫描件.png') =>
    c.app.http.inject({
      method: 'POST',
      url: `/api/documents/${id}/scans`,
      headers: {
        cookie: s.cookie,
        'x-csrf-token': s.csrf,
        'accept-language': s.lang,
        'content-type': type,
        'x-file-name': encodeURIComponent(name),
      },
      payload: bytes,
    });
  /** A referral_advice draft with everything it needs to be issued. */
  const completeReferral = async () => {
    const doc = await draft('referral_advice');
    const res = await officer.patch(`/api/documents/${doc.id}`, {
      fields: {
        reason: '所投诉事项属于住房和城乡建设部门职责',
        competentAuthority: '临西县住房和城乡建设局',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<DocumentDto>();
  };

  beforeAll(async () => {
    c = await startTestApp(dialect);
    officer = await signInAs(c.app, {
      roles: ['officer'],
      unit: '劳动保障监察大队',
      name: '李执法',
      certNo: '13050001',
    });
    const partner = await buildPerson(c.app, {
      roles: ['officer'],
      unit: '劳动保障监察大队',
      name: '赵执法',
      certNo: '13050002',
    });
    head = await signInAs(c.app, { roles: ['unit_head'], unit: '劳动保障监察大队', name: '钱队长' });
    outsider = await signInAs(c.app, { roles: ['officer'], unit: '社会保险科' });
    finance = await signInAs(c.app, { roles: ['finance'], unit: '财务科' });
    partyName = '临西县文书测试建筑有限公司';
    const party = await newParty(officer, partyName);
    const res = await officer.post('/api/cases', {
      source: 'complaint',
      receivedOn: '2026-11-27',
      complainant: { name: '张三', phone: '13900001111' },
      partyId: party,
      cause: '拖欠工资',
      facts: '投诉人称该单位拖欠其2026年9月至10月工资共计8,600元。',
      evidenceProvided: true,
      withinJurisdiction: true,
      officerIds: [officer.id, partner.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    caseId = res.json<CaseDto>().id;
  });
  afterAll(async () => c.stop());

  it('lists the templates, numbered or not, with their fields', async () => {
    const res = await finance.get('/api/document-templates');
    expect(res.statusCode).toBe(200);
    const templates = res.json<DocumentTemplateDto[]>();
    const byId = new Map(templates.map((t) => [t.id, t]));
    expect(byId.get('referral_advice')).toMatchObject({ numbered: true, title: '告知书' });
    expect(byId.get('complaint_register')?.numbered).toBe(false);
    const source = byId.get('complaint_register')?.fields.find((f) => f.key === 'sourceType');
    expect(source?.type).toBe('select');
    expect(source?.options?.length).toBeGreaterThan(0);
  });

  it('A19.2 a draft is prefilled from the case: cause, party, complainant, officers with certificate numbers', async () => {
    const before = await leafCount();
    const doc = await draft('complaint_register');
    expect(doc).toMatchObject({
      caseId,
      templateId: 'complaint_register',
      version: 1,
      state: 'draft',
      number: null,
      pdfSha256: null,
      supersedesId: null,
      abilities: { edit: true, issue: true, revise: false, attachScan: false },
    });
    expect(doc.fields).toMatchObject({
      cause: '拖欠工资',
      respondentName: partyName,
      complainantName: '张三',
    });
    expect(String(doc.fields.receiver)).toContain('李执法');
    expect(String(doc.fields.receiver)).toContain('13050001');
    expect(String(doc.fields.receiver)).toContain('13050002');
    const added = (await leaves()).slice(before);
    expect(added.map((l) => [l.action, l.subject_type, l.subject_id])).toEqual([
      ['document.drafted', 'document', doc.id],
    ]);
    const k = (await officer.get(`/api/cases/${caseId}`)).json<CaseDto>();
    expect(k.timeline[0]).toMatchObject({ action: 'document.drafted', actorName: '李执法' });
    expect(k.documents.map((d) => d.id)).toContain(doc.id);
  });

  it('edits a draft: the keys given change, each checked against the template; bad input writes nothing', async () => {
    const doc = await draft('complaint_register');
    const before = await leafCount();
    const res = await officer.patch(`/api/documents/${doc.id}`, {
      fields: { officerOpinion: '建议立案调查', materials: null },
    });
    expect(res.statusCode, res.body).toBe(200);
    const edited = res.json<DocumentDto>();
    expect(edited.fields.officerOpinion).toBe('建议立案调查');
    expect(edited.fields.cause).toBe('拖欠工资');
    const [leaf] = (await leaves(doc.id)).slice(-1);
    expect(leaf?.action).toBe('document.edited');
    expect(JSON.parse(leaf?.event ?? '{}')).toMatchObject({ detail: { changed: ['officerOpinion'] } });
    expect(await leafCount()).toBe(before + 1);

    const unknown = await officer.patch(`/api/documents/${doc.id}`, { fields: { nonsense: 'x' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ message: string }>().message).toContain('不认识的字段');
    const wrongType = await officer.patch(`/api/documents/${doc.id}`, { fields: { cause: 42 } });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json<{ field: string }>().field).toBe('cause');
    const badDate = await officer.patch(`/api/documents/${doc.id}`, { fields: { receivedOn: '2026-02-30' } });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json<{ message: string }>().message).toContain('登记日期');
    const badOption = await officer.patch(`/api/documents/${doc.id}`, { fields: { sourceType: '随便' } });
    expect(badOption.statusCode).toBe(400);
    // Required fields are not enforced on a draft.
    const cleared = await officer.patch(`/api/documents/${doc.id}`, { fields: { cause: null } });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json<DocumentDto>().fields.cause).toBeUndefined();
    expect(await leafCount()).toBe(before + 2);
    // A list row given as a plain line of text fills the list's first text column.
    const notice = await draft('supplement_notice');
    const listed = await officer.patch(`/api/documents/${notice.id}`, {
      fields: { missing: ['工资支付记录'] },
    });
    expect(listed.statusCode, listed.body).toBe(200);
    const [row] = listed.json<DocumentDto>().fields.missing as Record<string, unknown>[];
    expect(Object.values(row ?? {})).toEqual(['工资支付记录']);
    const listedBad = await officer.patch(`/api/documents/${notice.id}`, {
      fields: { missing: [{ bogus: 1 }] },
    });
    expect(listedBad.statusCode).toBe(400);
  });

  it('previews a draft as a PDF with the 草稿 watermark, not cached and not recorded as a view', async () => {
    const doc = await draft('referral_advice');
    const before = await leafCount();
    const res = await officer.get(`/api/documents/${doc.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.etag).toBeUndefined();
    expect(String(res.headers['content-disposition'])).toContain(
      `filename*=UTF-8''${encodeURIComponent('告知书（草稿）.pdf').replace(/[()]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );
    const text = pdfText(res.rawPayload);
    expect(text).toContain('草稿DRAFT');
    expect(text).toContain('告知书');
    expect(text).toContain('张三');
    const docx = await officer.get(`/api/documents/${doc.id}/docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(await leafCount()).toBe(before);
  });

  it('issuing assigns consecutive gapless numbers; a refused issue uses none', async () => {
    const a = await completeReferral();
    const b = await draft('referral_advice');
    const before = await leafCount();
    const refused = await issue(b.id);
    expect(refused.statusCode).toBe(400);
    const message = refused.json<{ message: string }>().message;
    expect(message).toContain('签发前请填写');
    expect(message).toContain('不属于本机关管辖的理由');
    expect(message).toContain('有管辖权的机关');
    const refusedEn = await c.app.http.inject({
      method: 'POST',
      url: `/api/documents/${b.id}/issue`,
      headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf, 'accept-language': 'en' },
    });
    expect(refusedEn.json<{ message: string }>().message).toContain('Fill in before issuing');
    expect(await leafCount()).toBe(before);

    const first = await issue(a.id);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<DocumentDto>()).toMatchObject({
      state: 'issued',
      number: '临人社监告〔2026〕第1号',
      issuedByName: '李执法',
      abilities: { edit: false, issue: false, revise: true, attachScan: true },
    });
    await officer.patch(`/api/documents/${b.id}`, {
      fields: { reason: '不属于本机关管辖', competentAuthority: '临西县市场监督管理局' },
    });
    const second = await issue(b.id);
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json<DocumentDto>().number).toBe('临人社监告〔2026〕第2号');
    const again = await issue(b.id);
    expect(again.statusCode).toBe(409);
    // An unnumbered form is issued without a number.
    const form = await draft('complaint_register');
    await officer.patch(`/api/documents/${form.id}`, { fields: { channel: 'visit' } });
    const issuedForm = await issue(form.id);
    expect(issuedForm.statusCode, issuedForm.body).toBe(200);
    expect(issuedForm.json<DocumentDto>()).toMatchObject({ state: 'issued', number: null });
    const seq = await db()
      .selectFrom('number_sequences')
      .selectAll()
      .where('scope', '=', 'doc:referral_advice')
      .executeTakeFirstOrThrow();
    expect(Number(seq.last)).toBe(2);
  });

  it('a render or store failure at issue writes nothing and gives the number back', async () => {
    const doc = await completeReferral();
    const last = async () =>
      Number(
        (
          await db()
            .selectFrom('number_sequences')
            .select('last')
            .where('scope', '=', 'doc:referral_advice')
            .executeTakeFirst()
        )?.last ?? 0,
      );
    const before = { leaves: await leafCount(), last: await last() };
    const storage = c.app.storage;
    const adopt = storage.adopt.bind(storage);
    storage.adopt = () => Promise.reject(new Error('disk full'));
    try {
      const failed = await issue(doc.id);
      expect(failed.statusCode).toBe(500);
    } finally {
      storage.adopt = adopt;
    }
    expect(await leafCount()).toBe(before.leaves);
    expect(await last()).toBe(before.last);
    expect((await officer.get(`/api/documents/${doc.id}`)).json<DocumentDto>().state).toBe('draft');
    const issued = (await issue(doc.id)).json<DocumentDto>();
    expect(issued.number).toBe(`临人社监告〔2026〕第${before.last + 1}号`);
  });

  it('documents issued at the same moment get distinct, consecutive numbers', async () => {
    const docs = [await completeReferral(), await completeReferral(), await completeReferral()];
    const answers = await Promise.all(docs.map((d) => issue(d.id)));
    const numbers = answers
      .map((r) => {
        expect(r.statusCode, r.body).toBe(200);
        return Number(/第(\d+)号/.exec(r.json<DocumentDto>().number ?? '')?.[1]);
      })
      .sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(3);
    expect(numbers[2]! - numbers[0]!).toBe(2);
  });

  it('the issued PDF is the stored blob: its SHA-256 is the ledger leaf’s and the row’s; reading it is recorded', async () => {
    const doc = await completeReferral();
    const issued = (await issue(doc.id)).json<DocumentDto>();
    const leaf = (await leaves(doc.id)).find((l) => l.action === 'document.issued');
    expect(leaf?.blob_sha256).toBe(issued.pdfSha256);
    const row = await db()
      .selectFrom('documents')
      .selectAll()
      .where('id', '=', doc.id)
      .executeTakeFirstOrThrow();
    expect(row.pdf_sha256).toBe(issued.pdfSha256);

    const before = await leafCount();
    const res = await head.get(`/api/documents/${doc.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(sha256(res.rawPayload)).toBe(issued.pdfSha256);
    expect(res.headers.etag).toBe(`"${issued.pdfSha256}"`);
    expect(String(res.headers['content-disposition'])).toContain(
      encodeURIComponent(`告知书 ${issued.number ?? ''}`).replace(/[()]/g, ''),
    );
    const text = pdfText(res.rawPayload);
    expect(text).toContain(issued.number);
    expect(text).not.toContain('草稿');
    const viewed = (await leaves()).slice(before);
    expect(viewed.map((l) => [l.action, l.subject_id, l.blob_sha256, l.actor_id])).toEqual([
      ['document.viewed', doc.id, issued.pdfSha256, head.id],
    ]);
    const docx = await head.get(`/api/documents/${doc.id}/docx`);
    expect(sha256(docx.rawPayload)).toBe(row.docx_sha256);
    expect((await leaves()).at(-1)).toMatchObject({
      action: 'document.viewed',
      blob_sha256: row.docx_sha256,
    });
    const k = (await officer.get(`/api/cases/${caseId}`)).json<CaseDto>();
    expect(k.documents.find((d) => d.id === doc.id)).toMatchObject({
      state: 'issued',
      number: issued.number,
      pdfSha256: issued.pdfSha256,
    });
    expect(k.timeline.map((e) => e.action)).toContain('document.issued');
  });

  it('an issued document cannot be changed (409); a correction is a new version, the old one stays readable', async () => {
    const v1 = (await issue((await completeReferral()).id)).json<DocumentDto>();
    const patch = await officer.patch(`/api/documents/${v1.id}`, { fields: { contactName: '王' } });
    expect(patch.statusCode).toBe(409);
    expect(patch.json<{ message: string }>().message).toBe('已签发的文书不能修改，请制作更正版本');
    const patchEn = await c.app.http.inject({
      method: 'PATCH',
      url: `/api/documents/${v1.id}`,
      headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf, 'accept-language': 'en' },
      payload: { fields: {} },
    });
    expect(patchEn.statusCode).toBe(409);
    expect(patchEn.json<{ message: string }>().message).toContain('make a corrected version');
    const noReason = await officer.post(`/api/documents/${v1.id}/revise`, {});
    expect(noReason.statusCode).toBe(400);

    const before = await leafCount();
    const res = await officer.post(`/api/documents/${v1.id}/revise`, { reason: '主管机关名称有误' });
    expect(res.statusCode, res.body).toBe(201);
    const v2 = res.json<DocumentDto>();
    expect(v2).toMatchObject({
      version: 2,
      state: 'draft',
      number: null,
      supersedesId: v1.id,
      fields: v1.fields,
    });
    const added = (await leaves()).slice(before);
    expect(added.map((l) => [l.action, l.subject_id])).toEqual([
      ['document.superseded', v1.id],
      ['document.revised', v2.id],
    ]);
    expect(JSON.parse(added[0]?.event ?? '{}')).toMatchObject({ detail: { reason: '主管机关名称有误' } });
    const old = (await officer.get(`/api/documents/${v1.id}`)).json<DocumentDto>();
    expect(old).toMatchObject({ state: 'superseded', number: v1.number, pdfSha256: v1.pdfSha256 });
    const bytes = await officer.get(`/api/documents/${v1.id}/pdf`);
    expect(bytes.statusCode).toBe(200);
    expect(sha256(bytes.rawPayload)).toBe(v1.pdfSha256);
    expect((await officer.post(`/api/documents/${v1.id}/revise`, { reason: '再改' })).statusCode).toBe(409);
    expect((await officer.post(`/api/documents/${v2.id}/revise`, { reason: '草稿' })).statusCode).toBe(409);

    await officer.patch(`/api/documents/${v2.id}`, {
      fields: { competentAuthority: '临西县人力资源市场管理办公室' },
    });
    const reissued = (await issue(v2.id)).json<DocumentDto>();
    expect(reissued.state).toBe('issued');
    expect(reissued.number).not.toBe(v1.number);
    expect(reissued.pdfSha256).not.toBe(v1.pdfSha256);
  });

  it('attaches a scan of the signed paper to an issued version, sniffing the bytes', async () => {
    const draftDoc = await draft('referral_advice');
    expect((await scan(officer, draftDoc.id, PNG, 'image/png')).statusCode).toBe(409);
    const doc = (await issue((await completeReferral()).id)).json<DocumentDto>();
    const before = await leafCount();
    const lying = await scan(officer, doc.id, PNG, 'application/pdf');
    expect(lying.statusCode).toBe(415);
    expect(lying.json<{ message: string }>().message).toContain('PNG');
    const gif = await scan(officer, doc.id, Buffer.from('GIF89a....'), 'image/gif');
    expect(gif.statusCode).toBe(415);
    const json = await officer.post(`/api/documents/${doc.id}/scans`, { bytes: 'x' });
    expect(json.statusCode).toBe(415);
    const huge = Buffer.concat([PNG, Buffer.alloc(20 * 1024 * 1024)]);
    expect((await scan(officer, doc.id, huge, 'image/png')).statusCode).toBe(413);
    expect(await leafCount()).toBe(before);
    expect((await scan(finance, doc.id, PNG, 'image/png')).statusCode).toBe(403);

    const res = await scan(officer, doc.id, PNG, 'image/png');
    expect(res.statusCode, res.body).toBe(201);
    const withScan = res.json<DocumentDto>();
    expect(withScan.scans).toEqual([
      expect.objectContaining({
        name: '签章 扫描件.png',
        mime: 'image/png',
        sha256: sha256(PNG),
        sizeBytes: PNG.length,
        uploadedByName: '李执法',
      }),
    ]);
    const attached = (await leaves()).slice(before);
    expect(attached.map((l) => [l.action, l.blob_sha256])).toEqual([['document.scan_attached', sha256(PNG)]]);

    const scanId = withScan.scans[0]?.id ?? '';
    const read = await head.get(`/api/documents/${doc.id}/scans/${scanId}`);
    expect(read.statusCode).toBe(200);
    expect(read.headers['content-type']).toBe('image/png');
    expect(read.rawPayload.equals(PNG)).toBe(true);
    expect((await leaves()).at(-1)).toMatchObject({
      action: 'document.scan_viewed',
      blob_sha256: sha256(PNG),
      actor_id: head.id,
    });
  });

  describe('permissions', () => {
    it('an officer of another unit finds nothing; finance reads but cannot draft or change', async () => {
      const doc = await draft('complaint_register');
      expect((await outsider.get(`/api/documents/${doc.id}`)).statusCode).toBe(404);
      expect((await outsider.get(`/api/documents/${doc.id}/pdf`)).statusCode).toBe(404);
      expect(
        (await outsider.post(`/api/cases/${caseId}/documents`, { templateId: 'complaint_register' }))
          .statusCode,
      ).toBe(404);
      expect((await outsider.patch(`/api/documents/${doc.id}`, { fields: {} })).statusCode).toBe(404);

      const read = await finance.get(`/api/documents/${doc.id}`);
      expect(read.statusCode).toBe(200);
      expect(read.json<DocumentDto>().abilities).toEqual({
        edit: false,
        issue: false,
        revise: false,
        attachScan: false,
      });
      expect(
        (await finance.post(`/api/cases/${caseId}/documents`, { templateId: 'complaint_register' }))
          .statusCode,
      ).toBe(403);
      expect((await finance.patch(`/api/documents/${doc.id}`, { fields: { cause: '改' } })).statusCode).toBe(
        403,
      );
      expect((await issue(doc.id, finance)).statusCode).toBe(403);
      // The unit head handles the unit's cases.
      expect(
        (await head.post(`/api/cases/${caseId}/documents`, { templateId: 'complaint_register' })).statusCode,
      ).toBe(201);
    });

    it('refuses an unknown template with a message, writing nothing', async () => {
      const before = await leafCount();
      const res = await officer.post(`/api/cases/${caseId}/documents`, { templateId: 'no_such_template' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ field: 'templateId', message: '文书模板：没有这个文书模板' });
      expect(await leafCount()).toBe(before);
    });
  });

  it('verify is clean, then finds a documents row changed behind the service', async () => {
    const clean = await c.app.services.ledger.verifyAll({ workers: 0, blobSample: 0 });
    expect(clean.findings).toEqual([]);
    const doc = (await issue((await completeReferral()).id)).json<DocumentDto>();
    await db()
      .updateTable('documents')
      .set({ number: '临人社监告〔2026〕第99号' })
      .where('id', '=', doc.id)
      .execute();
    const report = await c.app.services.ledger.verifyAll({ workers: 0, blobSample: 0 });
    expect(report.findings.map((f) => [f.kind, f.params.type, f.params.id])).toEqual([
      ['row_differs', 'document', doc.id],
    ]);
    await db().updateTable('documents').set({ number: doc.number }).where('id', '=', doc.id).execute();
  });
});
