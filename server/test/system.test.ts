import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect, startTestApp, type TestContext } from './harness';
import { migrateToLatest } from '../src/db/migrate';
import { signInAs } from './factories';

describeEachDialect('health, OpenAPI and migrations', (dialect) => {
  let ctx: TestContext & { stop(): Promise<void> };
  beforeEach(async () => {
    ctx = await startTestApp(dialect);
  });
  afterEach(async () => ctx.stop());

  it('/api/health reports the database dialect, storage and version without signing in', async () => {
    const res = await ctx.app.http.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ version: string }>();
    expect(body).toEqual({
      status: 'ok',
      database: dialect,
      storage: { kind: 'local', ok: true },
      version: body.version,
    });
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('serves an OpenAPI document in which every route has request and response schemas', async () => {
    const res = await ctx.app.http.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{
      paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
    }>();
    const routes = Object.entries(doc.paths).flatMap(([p, methods]) =>
      Object.entries(methods).map(([m, op]) => ({ p, m, op })),
    );
    expect(routes.map((r) => `${r.m.toUpperCase()} ${r.p}`)).toEqual(
      expect.arrayContaining([
        'GET /api/health',
        'POST /api/auth/login',
        'GET /api/users',
        'PATCH /api/users/{id}',
      ]),
    );
    for (const { p, m, op } of routes) {
      expect(Object.keys(op.responses), `${m} ${p}`).not.toHaveLength(0);
      // tus creates an upload from its headers (Upload-Length, Upload-Metadata); bytes come raw, as
      // do a document's scans (PDF/JPEG/PNG, no JSON schema to describe them).
      const actionWithoutBody = [
        '/unlock',
        '/logout',
        '/api/ledger/heads',
        '/api/uploads',
        '/read',
        '/scans',
      ].some((end) => p.endsWith(end));
      if (m === 'post' && !actionWithoutBody) {
        expect(op.requestBody, `${m} ${p}`).toBeDefined();
      }
    }
  });

  it('unknown API paths answer 401 before sign-in and a JSON 404 after', async () => {
    const res = await ctx.app.http.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'auth.unauthenticated' });
    const officer = await signInAs(ctx.app);
    const after = await officer.get('/api/nothing-here');
    expect(after.statusCode).toBe(404);
    expect(after.json()).toEqual({ code: 'not_found', message: '记录不存在' });
  });

  it('applying the migrations again changes nothing', async () => {
    expect(await migrateToLatest(ctx.app.database)).toEqual([]);
  });
});
