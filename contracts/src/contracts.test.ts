import { describe, expect, it } from 'vitest';
import {
  MESSAGES,
  passwordProblems,
  permissionsOf,
  pickLang,
  ROLE_PERMISSIONS,
  ROLES,
  translate,
  userCreateInput,
} from './index';

describe('password policy', () => {
  it('accepts a long password of three classes and names every rule a bad one breaks', () => {
    expect(passwordProblems('Correct-horse-9')).toEqual([]);
    expect(passwordProblems('short1A')).toEqual(['password.too_short']);
    expect(passwordProblems('alllowercaseletters')).toEqual(['password.classes']);
    expect(passwordProblems('Zhangsan-2026', 'zhangsan')).toEqual(['password.contains_username']);
    expect(passwordProblems('abc')).toEqual(['password.too_short', 'password.classes']);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passwordProblems('密码密码密码密码密A1')).toEqual([]);
  });
});

describe('permissions', () => {
  it('every role grants at least reading units, and only IT manages people', () => {
    for (const role of ROLES) {
      expect(ROLE_PERMISSIONS[role]).toContain('unit.read');
      expect(ROLE_PERMISSIONS[role].includes('user.manage')).toBe(role === 'it_admin');
    }
  });

  it('a person holding several roles gets the union, in a stable order', () => {
    expect(permissionsOf(['unit_head', 'officer'])).toEqual([
      'unit.read',
      'user.read',
      'recording.upload',
      'recording.read',
      'recording.download',
      'recording.edit',
      'recording.link',
      'device.read',
      'device.manage_unit',
      'recording.read_sensitive',
      'party.read',
      'party.manage',
      'case.read',
      'case.register',
      'case.handle',
      'case.approve',
      'form.read',
      'form.manage',
    ]);
  });
});

describe('messages', () => {
  it('every message exists in zh-CN and en with the same placeholders', () => {
    for (const [key, entry] of Object.entries(MESSAGES)) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(entry.en), key).toEqual(names(entry['zh-CN']));
    }
  });

  it('picks zh-CN unless English is preferred', () => {
    expect(pickLang(undefined)).toBe('zh-CN');
    expect(pickLang('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(pickLang('en-US,en;q=0.9')).toBe('en');
    expect(translate('auth.rate_limited', 'zh-CN', { seconds: 30 })).toBe('尝试过于频繁，请 30 秒后重试');
  });
});

describe('user input', () => {
  it('rejects impossible dates and unknown roles', () => {
    const base = {
      username: 'li.si',
      name: '李四',
      password: 'x',
      unitId: crypto.randomUUID(),
      roles: ['officer'],
    };
    expect(userCreateInput.safeParse(base).success).toBe(true);
    expect(userCreateInput.safeParse({ ...base, certValidTo: '2026-02-29' }).success).toBe(false);
    expect(userCreateInput.safeParse({ ...base, certValidTo: '2028-02-29' }).success).toBe(true);
    expect(userCreateInput.safeParse({ ...base, roles: ['root'] }).success).toBe(false);
    expect(userCreateInput.safeParse({ ...base, roles: [] }).success).toBe(false);
  });
});
