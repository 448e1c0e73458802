import type { Light, NotificationDto, NotificationList } from '@quancheng/contracts';
import { orderedPeriodById, periodById } from '../../calendar';
import type { Db } from '../../db/database';
import { notFound } from '../../http/errors';
import type { Actor } from '../../security/actor';
import { shanghaiDay } from '../../time';
import { lightOf, lightWindow, type DeadlineClock } from './cases.deadlines';
import { newId } from '../../db/ids';

const RANK: Record<'none' | Light, number> = { none: 0, green: 0, yellow: 1, red: 2 };

/**
 * In-app notices when a deadline turns yellow or red: one per person, deadline and light, to the
 * case's officers and the head(s) of its unit. A sweep runs on a schedule (and at start); it only
 * adds what is new, so running it twice changes nothing. Notices are derived from the ledgered
 * deadlines and are not themselves ledger entries.
 */
export function createDeadlineNotices({ db, clock, now }: { db: Db; clock: DeadlineClock; now: () => Date }) {
  return {
    async sweep(): Promise<{ notified: number }> {
      const window = lightWindow(clock, shanghaiDay(now()));
      const due = await db
        .selectFrom('deadlines')
        .innerJoin('cases', 'cases.id', 'deadlines.case_id')
        .select([
          'deadlines.id',
          'deadlines.case_id',
          'deadlines.due_on',
          'deadlines.warned',
          'cases.unit_id',
        ])
        .where('deadlines.status', '=', 'open')
        .where('deadlines.warned', '!=', 'red')
        .where('deadlines.due_on', '<', window.greenFrom)
        .execute();
      let notified = 0;
      for (const d of due) {
        const level = lightOf(window, d.due_on);
        if (RANK[level] <= RANK[d.warned]) {
          continue;
        }
        notified += await db.transaction().execute(async (trx) => {
          const officers = await trx
            .selectFrom('case_officers')
            .select('user_id')
            .where('case_id', '=', d.case_id)
            .execute();
          const heads = await trx
            .selectFrom('users')
            .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
            .select('users.id as user_id')
            .where('users.unit_id', '=', d.unit_id)
            .where('users.active', '=', 1)
            .where('user_roles.role', '=', 'unit_head')
            .execute();
          const people = [...new Set([...officers, ...heads].map((p) => p.user_id))];
          const at = now().toISOString();
          for (const userId of people) {
            await trx
              .insertInto('notifications')
              .values({
                id: newId(),
                user_id: userId,
                kind: 'deadline',
                case_id: d.case_id,
                deadline_id: d.id,
                level,
                created_at: at,
                read_at: null,
              })
              .onConflict((oc) => oc.columns(['user_id', 'deadline_id', 'level']).doNothing())
              .execute();
          }
          await trx
            .updateTable('deadlines')
            .set({ warned: level as 'yellow' | 'red' })
            .where('id', '=', d.id)
            .execute();
          return people.length;
        });
      }
      return { notified };
    },

    async list(actor: Actor): Promise<NotificationList> {
      const rows = await db
        .selectFrom('notifications')
        .leftJoin('deadlines', 'deadlines.id', 'notifications.deadline_id')
        .leftJoin('cases', 'cases.id', 'notifications.case_id')
        .select([
          'notifications.id',
          'notifications.kind',
          'notifications.level',
          'notifications.case_id',
          'notifications.deadline_id',
          'notifications.created_at',
          'notifications.read_at',
          'deadlines.period_id',
          'deadlines.due_on',
          'cases.reg_number',
          'cases.number',
        ])
        .where('notifications.user_id', '=', actor.id)
        .orderBy('notifications.created_at', 'desc')
        .orderBy('notifications.id')
        .limit(50)
        .execute();
      const unread = await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', actor.id)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return {
        items: rows.map((r): NotificationDto => {
          const period = r.period_id
            ? (periodById(r.period_id) ?? orderedPeriodById(r.period_id))?.label
            : undefined;
          const caseNo = r.number ?? r.reg_number ?? '';
          const red = r.level === 'red';
          return {
            id: r.id,
            kind: r.kind,
            level: r.level,
            caseId: r.case_id,
            deadlineId: r.deadline_id,
            message: {
              'zh-CN': `${caseNo}「${period?.['zh-CN'] ?? ''}」${red ? '已于' : '将于'} ${r.due_on ?? ''} ${red ? '到期，已逾期' : '到期'}`,
              en: `${caseNo}: “${period?.en ?? ''}” ${red ? 'was due on' : 'is due on'} ${r.due_on ?? ''}${red ? ' — overdue' : ''}`,
            },
            createdAt: r.created_at,
            readAt: r.read_at,
          };
        }),
        unread: Number(unread.n),
      };
    },

    async markRead(actor: Actor, id: string): Promise<void> {
      const result = await db
        .updateTable('notifications')
        .set({ read_at: now().toISOString() })
        .where('id', '=', id)
        .where('user_id', '=', actor.id)
        .where('read_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) {
        const exists = await db
          .selectFrom('notifications')
          .select('id')
          .where('id', '=', id)
          .where('user_id', '=', actor.id)
          .executeTakeFirst();
        if (!exists) {
          throw notFound();
        }
      }
    },
  };
}

export type DeadlineNotices = ReturnType<typeof createDeadlineNotices>;
