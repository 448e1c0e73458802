import { ROLES, type Role } from '@quancheng/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect, startTestApp, type TestContext } from './harness';
import { buildPerson, signInAs } from './factories';
import type { Session } from './http-client';

type Caller = Session & { unitId: string };
type Call = (s: Caller, ids: { unit: string; user: string }) => Promise<{ statusCode: number }>;

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
];

describeEachDialect('role × endpoint', (dialect) => {
  let ctx: TestContext & { stop(): Promise<void> };
  const sessions = new Map<Role, Caller>();
  const ids = { unit: '', user: '' };

  beforeAll(async () => {
    ctx = await startTestApp(dialect);
    // The target person sits in a unit none of the callers belongs to.
    const target = await buildPerson(ctx.app, { unit: '档案室' });
    ids.user = target.id;
    ids.unit = target.unitId;
    for (const role of ROLES) {
      sessions.set(role, await signInAs(ctx.app, { roles: [role], unit: '劳动保障监察大队' }));
    }
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
    expect(await perms('officer')).toEqual(['unit.read', 'recording.upload']);
    expect(await perms('it_admin')).toContain('user.manage');
    expect(await perms('unit_head')).not.toContain('user.manage');
  });
});
