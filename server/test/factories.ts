import type { Role } from '@quancheng/contracts';
import type { App } from '../src/app';
import { ensureUnit, insertSystemPerson } from '../src/bootstrap';
import { hashPassword } from '../src/security/passwords';
import { signIn, type Session } from './http-client';

export const TEST_PASSWORD = 'Test-password-2026';
let testHash: Promise<string> | undefined;

let counter = 0;

export interface PersonSpec {
  username?: string;
  name?: string;
  unit?: string;
  roles?: Role[];
  certNo?: string | null;
  certValidFrom?: string;
  certValidTo?: string;
}

/** Creates a person straight through the system path (with its ledger entry), ready to sign in. */
export async function buildPerson(
  app: App,
  spec: PersonSpec = {},
): Promise<{ id: string; username: string; unitId: string }> {
  testHash ??= hashPassword(TEST_PASSWORD);
  const passwordHash = await testHash;
  counter++;
  const username = spec.username ?? `person${counter}`;
  return app.deps.db.transaction().execute(async (trx) => {
    const unit = await ensureUnit(trx, app.deps, spec.unit ?? '劳动保障监察大队');
    const cert =
      spec.certNo === null
        ? {}
        : {
            certNo: spec.certNo ?? `CERT${counter}`,
            certValidFrom: spec.certValidFrom ?? '2024-01-01',
            certValidTo: spec.certValidTo ?? '2029-12-31',
          };
    const id = await insertSystemPerson(trx, app.deps, {
      username,
      name: spec.name ?? `测试人员${counter}`,
      unitId: unit.id,
      roles: spec.roles ?? ['officer'],
      passwordHash,
      mustChangePassword: false,
      ...cert,
    });
    return { id, username, unitId: unit.id };
  });
}

export async function signInAs(
  app: App,
  spec: PersonSpec = {},
  lang = 'zh-CN',
): Promise<Session & { id: string; unitId: string }> {
  const person = await buildPerson(app, spec);
  const session = await signIn(app, person.username, TEST_PASSWORD, lang);
  return Object.assign(session, { id: person.id, unitId: person.unitId });
}
