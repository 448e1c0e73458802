import { permissionsOf, ROLES, type Role } from '@quancheng/contracts';
import { usccCheckChar } from '@quancheng/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect, startTestApp, type TestContext } from './harness';
import { buildPerson, signInAs } from './factories';
import type { Session } from './http-client';
import { ingestBytes, wav } from './fixtures/recordings';
import { registerCase } from './fixtures/cases';

type Caller = Session & { unitId: string };
/** Who may read recordings of their own unit (RecordingsPolicy): not finance, not IT. */
const READERS: readonly Role[] = ['officer', 'unit_head', 'agency_head', 'legal', 'archivist'];
/** `cases`: one registered case per call that links a recording (a link to one case is made once). */
type Ids = { unit: string; user: string; recording: string; device: string; cases: string[] };
type Call = (s: Caller, ids: Ids) => Promise<{ statusCode: number }>;

/** Parties (当事人): the directory is the bureau's; finance and IT do not see it. */
const PARTY_READERS: readonly Role[] = ['officer', 'unit_head', 'agency_head', 'legal', 'archivist'];
const PARTY_USCC = '91330106MA27XLPQ0X';
const party = { id: '' };
const randomUscc = () => {
  const body = `9133010${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`;
  return body + (usccCheckChar(body) ?? '');
};

/** Every endpoint this foundation adds, and who may reach it. */
const ENDPOINTS: { name: string; call: Call; allowed: readonly Role[] | 'all' }[] = [
  { name: 'GET /api/units', call: (s) => s.get('/api/units'), allowed: 'all' },
  {
    name: 'POST /api/units',
    call: (s) => s.post('/api/units', { name: `单位${Math.random()}` }),
    allowed: ['it_admin'],
  },
  {
    name: 'PATCH /api/units/:id',
    call: (s, ids) => s.patch(`/api/units/${ids.unit}`, { code: 'X1' }),
    allowed: ['it_admin'],
  },
  {
    name: 'GET /api/users',
    call: (s) => s.get('/api/users'),
    allowed: ['unit_head', 'agency_head', 'legal', 'it_admin'],
  },
  {
    name: 'GET /api/users/:id',
    call: (s, ids) => s.get(`/api/users/${ids.user}`),
    allowed: ['agency_head', 'legal', 'it_admin'],
  },
  {
    name: 'POST /api/users',
    call: (s) =>
      s.post('/api/users', {
        username: `u${Math.floor(Math.random() * 1e9)}`,
        name: '新同事',
        password: 'Initial-Pass-2026',
        unitId: s.unitId,
        roles: ['officer'],
      }),
    allowed: ['it_admin'],
  },
  {
    name: 'PATCH /api/users/:id',
    call: (s, ids) => s.patch(`/api/users/${ids.user}`, { phone: '13900001111' }),
    allowed: ['it_admin'],
  },
  {
    name: 'POST /api/users/:id/password',
    call: (s, ids) => s.post(`/api/users/${ids.user}/password`, { password: 'Another-Pass-2026' }),
    allowed: ['it_admin'],
  },
  {
    name: 'POST /api/users/:id/unlock',
    call: (s, ids) => s.post(`/api/users/${ids.user}/unlock`),
    allowed: ['it_admin'],
  },
  { name: 'GET /api/auth/me', call: (s) => s.get('/api/auth/me'), allowed: 'all' },
  {
    name: 'GET /api/ledger/status',
    call: (s) => s.get('/api/ledger/status'),
    allowed: ['agency_head', 'legal', 'archivist', 'it_admin'],
  },
  {
    name: 'GET /api/ledger/subjects/:type/:id/verify',
    call: (s, ids) => s.get(`/api/ledger/subjects/user/${ids.user}/verify`),
    allowed: ['agency_head', 'legal', 'archivist', 'it_admin'],
  },
  {
    name: 'GET /api/ledger/proofs/inclusion',
    call: (s) => s.get('/api/ledger/proofs/inclusion?seq=1'),
    allowed: ['agency_head', 'legal', 'archivist', 'it_admin'],
  },
  { name: 'POST /api/ledger/heads', call: (s) => s.post('/api/ledger/heads'), allowed: ['it_admin'] },
  {
    name: 'POST /api/uploads',
    call: (s) => s.post('/api/uploads', undefined, { 'tus-resumable': '1.0.0', 'upload-length': '10' }),
    allowed: ['officer', 'unit_head', 'archivist'],
  },
  // Recordings: the callers' unit holds one recording, uploaded by an officer who is not a caller.
  { name: 'GET /api/recordings', call: (s) => s.get('/api/recordings'), allowed: READERS },
  {
    name: 'GET /api/recordings/:id',
    call: (s, ids) => s.get(`/api/recordings/${ids.recording}`),
    allowed: READERS,
  },
  {
    name: 'GET /api/recordings/:id/history',
    call: (s, ids) => s.get(`/api/recordings/${ids.recording}/history`),
    allowed: READERS,
  },
  {
    name: 'GET /api/recordings/:id/stream',
    call: (s, ids) => s.get(`/api/recordings/${ids.recording}/stream`),
    allowed: READERS,
  },
  {
    name: 'GET /api/recordings/:id/original',
    call: (s, ids) => s.get(`/api/recordings/${ids.recording}/original`),
    allowed: ['unit_head', 'agency_head', 'legal', 'archivist'],
  },
  {
    name: 'PATCH /api/recordings/:id',
    call: (s, ids) =>
      s.patch(`/api/recordings/${ids.recording}`, { note: `备注${Math.random()}`, reason: '补充说明' }),
    allowed: ['unit_head', 'archivist'],
  },
  {
    name: 'GET /api/recordings/:id/links',
    call: (s, ids) => s.get(`/api/recordings/${ids.recording}/links`),
    allowed: READERS,
  },
  {
    name: 'POST /api/recordings/:id/links',
    call: (s, ids) =>
      s.post(`/api/recordings/${ids.recording}/links`, {
        caseId: ids.cases.shift() ?? '',
        step: 'inspection_av',
      }),
    allowed: ['officer', 'unit_head', 'legal', 'archivist'],
  },
  {
    name: 'GET /api/devices',
    call: (s) => s.get('/api/devices'),
    allowed: ['officer', 'unit_head', 'agency_head', 'legal', 'archivist', 'it_admin'],
  },
  {
    name: 'GET /api/devices/:id',
    call: (s, ids) => s.get(`/api/devices/${ids.device}`),
    allowed: ['officer', 'unit_head', 'agency_head', 'legal', 'archivist', 'it_admin'],
  },
  {
    name: 'POST /api/devices',
    call: (s) =>
      s.post('/api/devices', { deviceNumber: `CAM${Math.floor(Math.random() * 1e9)}`, unitId: s.unitId }),
    allowed: ['unit_head', 'it_admin'],
  },
  {
    name: 'PATCH /api/devices/:id',
    call: (s, ids) => s.patch(`/api/devices/${ids.device}`, { note: `保养${Math.random()}` }),
    allowed: ['unit_head', 'it_admin'],
  },
  {
    name: 'GET /api/form-ranges',
    call: (s) => s.get('/api/form-ranges'),
    allowed: ['officer', 'unit_head', 'agency_head', 'legal'],
  },
  {
    name: 'POST /api/form-ranges',
    call: (s) => {
      const first = 1e6 + Math.floor(Math.random() * 1e6) * 10;
      return s.post('/api/form-ranges', { series: '矩阵', first, last: first + 9, digits: 8 });
    },
    allowed: ['unit_head', 'legal'],
  },
  { name: 'GET /api/parties', call: (s) => s.get('/api/parties'), allowed: PARTY_READERS },
  { name: 'GET /api/parties/:id', call: (s) => s.get(`/api/parties/${party.id}`), allowed: PARTY_READERS },
  {
    name: 'GET /api/parties/lookup',
    call: (s) => s.get(`/api/parties/lookup?identifier=${PARTY_USCC}`),
    allowed: PARTY_READERS,
  },
  {
    name: 'POST /api/parties',
    call: (s) =>
      s.post('/api/parties', { kind: 'organisation', name: '矩阵新公司', identifier: randomUscc() }),
    allowed: ['officer', 'unit_head'],
  },
  {
    name: 'PATCH /api/parties/:id',
    call: (s) => s.patch(`/api/parties/${party.id}`, { note: `备注${Math.random()}` }),
    allowed: ['officer', 'unit_head'],
  },
];

describeEachDialect('role × endpoint', (dialect) => {
  let ctx: TestContext & { stop(): Promise<void> };
  const sessions = new Map<Role, Caller>();
  const ids: Ids = { unit: '', user: '', recording: '', device: '', cases: [] };

  beforeAll(async () => {
    ctx = await startTestApp(dialect);
    // The target person sits in a unit none of the callers belongs to.
    const target = await buildPerson(ctx.app, { unit: '档案室' });
    ids.user = target.id;
    ids.unit = target.unitId;
    for (const role of ROLES) {
      sessions.set(role, await signInAs(ctx.app, { roles: [role], unit: '劳动保障监察大队' }));
    }
    const uploader = await buildPerson(ctx.app, { roles: ['officer'], unit: '劳动保障监察大队' });
    const actor = {
      ...uploader,
      username: uploader.username,
      name: '上传人',
      roles: ['officer' as const],
      permissions: new Set(permissionsOf(['officer'])),
    };
    ids.recording = (await ingestBytes(ctx.app, actor, wav(1), { filename: 'a.wav' })).recording?.id ?? '';
    const officer = sessions.get('officer') as Caller & { id: string };
    for (let i = 0; i <= ROLES.length; i++) {
      ids.cases.push((await registerCase(officer, [officer.id, uploader.id])).id);
    }
    const device = await sessions
      .get('it_admin')
      ?.post('/api/devices', { deviceNumber: 'CAM0001', unitId: uploader.unitId });
    ids.device = device?.json<{ id: string }>().id ?? '';
    const created = await sessions
      .get('officer')
      ?.post('/api/parties', { kind: 'organisation', name: '矩阵公司', identifier: PARTY_USCC });
    party.id = created?.json<{ id: string }>().id ?? '';
  });
  afterAll(async () => ctx.stop());

  for (const endpoint of ENDPOINTS) {
    for (const role of ROLES) {
      const allowed = endpoint.allowed === 'all' || endpoint.allowed.includes(role);
      it(`${endpoint.name} as ${role}: ${allowed ? 'allowed' : 'refused'}`, async () => {
        const session = sessions.get(role);
        if (!session) {
          throw new Error(`no session for ${role}`);
        }
        const res = await endpoint.call(session, ids);
        if (allowed) {
          expect(res.statusCode).toBeLessThan(300);
        } else {
          expect([403, 404]).toContain(res.statusCode);
        }
      });
    }
    it(`${endpoint.name} without signing in: 401`, async () => {
      const anonymous = {
        get: (url: string) => ctx.app.http.inject({ method: 'GET', url }),
        post: (url: string, body?: unknown) =>
          ctx.app.http.inject({ method: 'POST', url, ...(body ? { payload: body } : {}) }),
        patch: (url: string, body?: unknown) =>
          ctx.app.http.inject({ method: 'PATCH', url, payload: body as object }),
        unitId: ids.unit,
      } as unknown as Caller;
      expect((await endpoint.call(anonymous, ids)).statusCode).toBe(401);
    });
  }

  it('the menu follows the permissions the API reports for each role', async () => {
    const perms = async (role: Role) =>
      (await sessions.get(role)?.get('/api/auth/me'))?.json<{ permissions: string[] }>().permissions;
    expect(await perms('officer')).toEqual([
      'unit.read',
      'recording.upload',
      'recording.read',
      'recording.edit',
      'recording.link',
      'device.read',
      'party.read',
      'party.manage',
      'case.read',
      'case.register',
      'case.handle',
      'form.read',
    ]);
    expect(await perms('it_admin')).toContain('user.manage');
    expect(await perms('officer')).not.toContain('case.approve');
    expect(await perms('unit_head')).not.toContain('user.manage');
  });
});
