import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerErrorHandling } from './error-handler';
import { FontMissingError } from '../documents/fonts';
import { AppError } from './errors';

describe('error handling', () => {
  it('answers an unexpected failure with 500, the request id and no internals', async () => {
    const app = Fastify({ logger: false, requestIdHeader: 'x-request-id' });
    registerErrorHandling(app, { spaIndex: false });
    app.get('/boom', () => {
      throw new Error('secret stack detail at /srv/app.ts:12');
    });
    app.get('/refused', () => {
      throw new AppError(409, 'org.unit_has_active_people', { count: 3 });
    });
    const res = await app.inject({ method: 'GET', url: '/boom', headers: { 'x-request-id': 'req-42' } });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret');
    expect(res.json()).toEqual({
      code: 'internal',
      message: '服务器内部错误，请稍后重试（请求编号 req-42）',
    });
    const refused = await app.inject({
      method: 'GET',
      url: '/refused',
      headers: { 'accept-language': 'en' },
    });
    expect(refused.json()).toEqual({
      code: 'org.unit_has_active_people',
      message: 'The unit still has 3 active people and cannot be deactivated',
    });
  });

  it('says the CJK fonts are missing (503) instead of a bare 500 when a PDF cannot be set', async () => {
    const app = Fastify({ logger: false });
    registerErrorHandling(app, { spaIndex: false });
    app.get('/pdf', () => {
      throw new FontMissingError('/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc');
    });
    const res = await app.inject({ method: 'GET', url: '/pdf' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      code: 'document.fonts_missing',
      message: '服务器缺少排版文书所需的中文字体，请联系信息化管理员安装 fonts-noto-cjk',
    });
  });
});
