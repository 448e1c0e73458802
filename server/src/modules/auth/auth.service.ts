import { createHash, randomBytes } from 'node:crypto';
import { permissionsOf, type ChangePasswordInput, type LoginInput, type MeDto } from '@quancheng/contracts';
import type { Config } from '../../config';
import { AppError, invalidField } from '../../http/errors';
import type { Actor } from '../../security/actor';
import {
  assertPasswordPolicy,
  decoyPasswordHash,
  hashPassword,
  verifyPassword,
} from '../../security/passwords';
import type { ServiceDeps } from '../../services';
import { shanghaiDateTime, shanghaiDay } from '../../time';
import { isCertifiedOn, userLedgerRow, usersRepository, type UserRecord } from '../org';
import { createLoginRateLimiter } from './login-rate-limit';
import { sessionsRepository, type SessionWithUser } from './sessions.repository';

export interface SessionTokens {
  token: string;
  csrfToken: string;
}

export interface Authenticated {
  actor: Actor;
  session: SessionWithUser;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');
const TOUCH_EVERY_MS = 60_000;

export function createAuthService(deps: ServiceDeps, config: Pick<Config, 'session' | 'login'>) {
  const { db, ledger, now, write } = deps;
  const limiter = createLoginRateLimiter(config.login.ratePerMinute, () => now().getTime());

  function lockedError(until: Date): AppError {
    const minutes = Math.max(1, Math.ceil((until.getTime() - now().getTime()) / 60_000));
    return new AppError(
      429,
      'auth.locked',
      { retryAt: shanghaiDateTime(until), minutes },
      { retryAt: until.toISOString() },
    );
  }

  async function openSession(user: UserRecord, meta: { ip: string; userAgent?: string }) {
    const tokens: SessionTokens = { token: newToken(), csrfToken: newToken() };
    const at = now();
    await write(async (trx) => {
      const id = hashToken(tokens.token);
      await usersRepository.update(trx, user.id, { failed_logins: 0, locked_until: null });
      await sessionsRepository.insert(trx, {
        id,
        user_id: user.id,
        csrf_token: tokens.csrfToken,
        created_at: at.toISOString(),
        last_seen_at: at.toISOString(),
        expires_at: new Date(at.getTime() + config.session.absoluteHours * 3_600_000).toISOString(),
        ended_at: null,
        ended_reason: null,
        ip: meta.ip,
        user_agent: meta.userAgent?.slice(0, 256) ?? null,
      });
      await ledger.append(trx, {
        actorId: user.id,
        action: 'session.started',
        subject: { type: 'session', id },
        detail: { ip: meta.ip },
      });
    });
    return tokens;
  }

  async function recordFailure(user: UserRecord): Promise<Date | null> {
    return write(async (trx) => {
      const failures = user.failed_logins + 1;
      const lockUntil =
        failures >= config.login.maxFailures
          ? new Date(now().getTime() + config.login.lockMinutes * 60_000)
          : null;
      await usersRepository.update(trx, user.id, {
        failed_logins: lockUntil ? 0 : failures,
        locked_until: lockUntil?.toISOString() ?? null,
      });
      await ledger.append(trx, {
        actorId: null,
        action: lockUntil ? 'user.locked' : 'user.sign_in_failed',
        subject: { type: 'user', id: user.id },
        detail: lockUntil ? { until: lockUntil.toISOString() } : { failures },
      });
      return lockUntil;
    });
  }

  return {
    /**
     * Checks the password and opens a session. The account locks for `lockMinutes` after
     * `maxFailures` wrong passwords in a row; while locked, even the right password is refused
     * with the time to retry.
     */
    async login(input: LoginInput, meta: { ip: string; userAgent?: string }): Promise<SessionTokens> {
      const wait = limiter.hit(meta.ip);
      if (wait > 0) {
        throw new AppError(429, 'auth.rate_limited', { seconds: wait });
      }
      const user = await usersRepository.findByUsername(db, input.username);
      if (!user) {
        await verifyPassword(await decoyPasswordHash(), input.password);
        throw new AppError(401, 'auth.invalid_credentials');
      }
      if (user.locked_until && new Date(user.locked_until) > now()) {
        throw lockedError(new Date(user.locked_until));
      }
      const ok = await verifyPassword(user.password_hash, input.password);
      if (!ok || user.active !== 1) {
        const lockedUntil = ok ? null : await recordFailure(user);
        throw lockedUntil ? lockedError(lockedUntil) : new AppError(401, 'auth.invalid_credentials');
      }
      return openSession(user, meta);
    },

    /**
     * Resolves a session cookie to the person behind it, or explains why not. Ends sessions that
     * outlived their idle or absolute limit, whose user was disabled, or whose password changed.
     */
    async authenticate(token: string): Promise<Authenticated> {
      const id = hashToken(token);
      const session = await sessionsRepository.findOpen(db, id);
      if (!session) {
        throw new AppError(401, 'auth.session_expired');
      }
      const at = now();
      const idleLimit = new Date(session.last_seen_at).getTime() + config.session.idleMinutes * 60_000;
      const reason =
        session.user.active !== 1
          ? 'user_disabled'
          : session.created_at < session.user.password_changed_at
            ? 'password_changed'
            : at.toISOString() >= session.expires_at
              ? 'expired_absolute'
              : at.getTime() >= idleLimit
                ? 'expired_idle'
                : null;
      if (reason) {
        await write(async (trx) => {
          await sessionsRepository.end(trx, id, at.toISOString(), reason);
          await ledger.append(trx, {
            actorId: null,
            action: 'session.ended',
            subject: { type: 'session', id },
            detail: { reason },
          });
        });
        throw new AppError(401, 'auth.session_expired');
      }
      if (at.getTime() - new Date(session.last_seen_at).getTime() > TOUCH_EVERY_MS) {
        await sessionsRepository.touch(db, id, at.toISOString());
      }
      const { user } = session;
      return {
        session,
        actor: {
          id: user.id,
          username: user.username,
          name: user.name,
          unitId: user.unit_id,
          roles: user.roles,
          permissions: new Set(permissionsOf(user.roles)),
        },
      };
    },

    me({ session }: Authenticated): MeDto {
      const { user } = session;
      return {
        user: {
          id: user.id,
          username: user.username,
          name: user.name,
          unitId: user.unit_id,
          unitName: user.unit_name,
          roles: user.roles,
          certNo: user.cert_no,
          certValidTo: user.cert_valid_to,
          certifiedToday: isCertifiedOn(user, shanghaiDay(now())),
        },
        permissions: permissionsOf(user.roles),
        mustChangePassword: user.must_change_password === 1,
        sessionExpiresAt: session.expires_at,
        idleTimeoutMinutes: config.session.idleMinutes,
      };
    },

    async logout({ session, actor }: Authenticated): Promise<void> {
      await write(async (trx) => {
        await sessionsRepository.end(trx, session.id, now().toISOString(), 'logout');
        await ledger.append(trx, {
          actorId: actor.id,
          action: 'session.ended',
          subject: { type: 'session', id: session.id },
          detail: { reason: 'logout' },
        });
      });
    },

    /**
     * Changes one's own password. Every other session of the person ends; the caller gets a
     * fresh session so the one that proved the old password is not reused.
     */
    async changePassword(
      { actor, session }: Authenticated,
      input: ChangePasswordInput,
      meta: { ip: string; userAgent?: string },
    ): Promise<SessionTokens> {
      const user = await usersRepository.findByUsername(db, actor.username);
      if (!user || !(await verifyPassword(user.password_hash, input.currentPassword))) {
        throw invalidField('currentPassword', 'auth.wrong_current_password');
      }
      assertPasswordPolicy('newPassword', input.newPassword, user.username);
      if (input.newPassword === input.currentPassword) {
        throw invalidField('newPassword', 'password.reused');
      }
      const passwordHash = await hashPassword(input.newPassword);
      await write(async (trx) => {
        const at = now().toISOString();
        await usersRepository.update(trx, user.id, {
          password_hash: passwordHash,
          must_change_password: 0,
          password_changed_at: at,
          updated_at: at,
        });
        await sessionsRepository.endAllForUser(trx, user.id, at, 'password_changed');
        const written = await usersRepository.findById(trx, user.id);
        await ledger.append(trx, {
          actorId: actor.id,
          action: 'user.password_changed',
          subject: { type: 'user', id: user.id },
          ...(written ? { row: userLedgerRow(written) } : {}),
          detail: { session: session.id },
        });
      });
      const fresh = await usersRepository.findById(db, user.id);
      if (!fresh) {
        throw new AppError(401, 'auth.session_expired');
      }
      return openSession(fresh, meta);
    },

    /** The token's session id, for tests and the ledger. */
    sessionIdOf: hashToken,
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
