import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_MIN_LENGTH, passwordProblems } from '@quancheng/contracts';
import { invalidField } from '../http/errors';

/**
 * argon2id with the library defaults (19 MiB, t=2, p=1: OWASP's recommended minimum). The
 * algorithm is recorded in the PHC string, so `verify` keeps working if the parameters change.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user name is unknown, so timing does not reveal it. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hash('decoy password that matches nothing');
  return decoyHash;
}

/** Throws a field error naming the first rule of the password policy the password breaks. */
export function assertPasswordPolicy(field: string, password: string, username: string): void {
  const [first] = passwordProblems(password, username);
  if (first) {
    throw invalidField(field, first, { min: PASSWORD_MIN_LENGTH });
  }
}
