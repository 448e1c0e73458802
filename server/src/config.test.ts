import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('config', () => {
  it('defaults to SQLite and local storage in ./data on port 3000', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.dataDir).toBe(path.resolve('data'));
    expect(c.database).toEqual({ dialect: 'sqlite', file: path.resolve('data', 'quancheng.sqlite') });
    expect(c.logLevel).toBe('info');
  });

  it('runs on PostgreSQL when DATABASE_URL says so', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/qc' });
    expect(c.database).toEqual({ dialect: 'postgresql', url: 'postgres://postgres@127.0.0.1:5432/qc' });
  });

  it('flags win over the environment', () => {
    const c = loadConfig({ PORT: '4000' }, ['--port', '5000', '--data-dir=/srv/qc', '--demo']);
    expect(c.port).toBe(5000);
    expect(c.dataDir).toBe('/srv/qc');
  });

  it('reads the holiday override file from the data directory and turns deadlines yellow at 2 working days', () => {
    expect(loadConfig({ DATA_DIR: '/srv/qc' }).calendar).toEqual({
      file: path.resolve('/srv/qc', 'calendar.json'),
      yellowWorkingDays: 2,
    });
    expect(
      loadConfig({ CALENDAR_FILE: '/etc/qc/holidays.json', DEADLINE_YELLOW_DAYS: '0' }).calendar,
    ).toEqual({
      file: '/etc/qc/holidays.json',
      yellowWorkingDays: 0,
    });
    expect(() => loadConfig({ DEADLINE_YELLOW_DAYS: 'two' })).toThrow(/DEADLINE_YELLOW_DAYS/);
    expect(() => loadConfig({ DEADLINE_YELLOW_DAYS: '-1' })).toThrow(/DEADLINE_YELLOW_DAYS/);
  });

  it('stops with a message naming every wrong variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' })).toThrow(
      ConfigError,
    );
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    } catch (error) {
      expect(String(error)).toMatch(/PORT/);
      expect(String(error)).toMatch(/DATABASE_URL: must start with postgres/);
    }
  });
});
