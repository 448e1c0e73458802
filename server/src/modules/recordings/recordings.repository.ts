import type { RecordingListQuery } from '@quancheng/contracts';
import { sql, type ExpressionBuilder } from 'kysely';
import type { Executor } from '../../db/database';
import { containsPattern } from '../../db/like';
import type {
  Database,
  DeviceTable,
  RecordingDerivativeTable,
  RecordingFlagTable,
  RecordingLinkTable,
  RecordingTable,
} from '../../db/types';
import type { RecordingScope } from './recordings.policy';

/** A recording with everything a reader is shown. */
export interface RecordingRecord extends RecordingTable {
  unit_name: string;
  uploader_name: string;
  officers: { id: string; name: string }[];
  officerIds: string[];
  device: Pick<DeviceTable, 'id' | 'model' | 'status'> | null;
  derivatives: RecordingDerivativeTable[];
  flags: RecordingFlagTable[];
  links: RecordingLinkTable[];
}

const SORT = {
  captureStart: 'recordings.capture_start',
  uploadedAt: 'recordings.uploaded_at',
  sizeBytes: 'recordings.size_bytes',
  duration: 'recordings.duration_ms',
  originalName: 'recordings.original_name',
  deviceNumber: 'recordings.device_number',
} as const;

type Eb = ExpressionBuilder<Database, 'recordings'>;

function scopeFilter(eb: Eb, scope: Extract<RecordingScope, { kind: 'unit' }>) {
  const ownUnit = scope.sensitive
    ? eb('recordings.unit_id', '=', scope.unitId)
    : eb.and([
        eb('recordings.unit_id', '=', scope.unitId),
        eb('recordings.confidentiality', '!=', 'sensitive'),
      ]);
  return eb.or([
    ownUnit,
    eb('recordings.uploaded_by', '=', scope.userId),
    eb.exists(
      eb
        .selectFrom('recording_officers')
        .whereRef('recording_officers.recording_id', '=', 'recordings.id')
        .where('recording_officers.user_id', '=', scope.userId)
        .select('recording_officers.user_id'),
    ),
  ]);
}

const INSERTION = ['overlap', 'order'] as const;

function flagFilter(eb: Eb, flag: NonNullable<RecordingListQuery['flag']>) {
  const hasFlag = (kinds: readonly RecordingFlagTable['kind'][]) =>
    eb.exists(
      eb
        .selectFrom('recording_flags')
        .whereRef('recording_flags.recording_id', '=', 'recordings.id')
        .where('recording_flags.kind', 'in', kinds)
        .select('recording_flags.id'),
    );
  const unknownDevice = eb.and([
    eb('recordings.device_number', 'is not', null),
    eb.not(
      eb.exists(
        eb
          .selectFrom('devices')
          .whereRef('devices.device_number', '=', 'recordings.device_number')
          .select('devices.id'),
      ),
    ),
  ]);
  switch (flag) {
    case 'gap':
      return hasFlag(['gap']);
    case 'overlap':
    case 'order':
      return hasFlag([flag]);
    case 'insertion':
      return hasFlag(INSERTION);
    case 'unparsable':
      return eb('recordings.parsable', '=', 0);
    case 'unknown_device':
      return unknownDevice;
    case 'late_upload':
      return hasFlag(['late_upload']);
    case 'any':
      return eb.or([
        hasFlag(['gap', ...INSERTION, 'late_upload']),
        eb('recordings.parsable', '=', 0),
        unknownDevice,
      ]);
  }
}

export const recordingsRepository = {
  async findIdBySha(ex: Executor, sha256: string): Promise<string | undefined> {
    const row = await ex
      .selectFrom('recordings')
      .select('id')
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    return row?.id;
  },

  async findRow(ex: Executor, id: string): Promise<RecordingTable | undefined> {
    return ex.selectFrom('recordings').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async officerIdsOf(ex: Executor, ids: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) {
      return out;
    }
    const rows = await ex
      .selectFrom('recording_officers')
      .select(['recording_id', 'user_id'])
      .where('recording_id', 'in', ids)
      .orderBy('user_id')
      .execute();
    for (const r of rows) {
      out.get(r.recording_id)?.push(r.user_id);
    }
    return out;
  },

  async insert(ex: Executor, row: RecordingTable, officerIds: readonly string[]): Promise<void> {
    await ex.insertInto('recordings').values(row).execute();
    await this.setOfficers(ex, row.id, officerIds);
  },

  async update(ex: Executor, id: string, patch: Partial<Omit<RecordingTable, 'id'>>): Promise<void> {
    await ex.updateTable('recordings').set(patch).where('id', '=', id).execute();
  },

  async setOfficers(ex: Executor, id: string, officerIds: readonly string[]): Promise<void> {
    await ex.deleteFrom('recording_officers').where('recording_id', '=', id).execute();
    const unique = [...new Set(officerIds)];
    if (unique.length > 0) {
      await ex
        .insertInto('recording_officers')
        .values(unique.map((user_id) => ({ recording_id: id, user_id })))
        .execute();
    }
  },

  /** Full records for these ids, in the order given; ids without a row are left out. */
  async load(ex: Executor, ids: readonly string[]): Promise<RecordingRecord[]> {
    if (ids.length === 0) {
      return [];
    }
    const [rows, officers, derivatives, flags, links] = await Promise.all([
      ex
        .selectFrom('recordings')
        .innerJoin('units', 'units.id', 'recordings.unit_id')
        .innerJoin('users', 'users.id', 'recordings.uploaded_by')
        .leftJoin('devices', 'devices.device_number', 'recordings.device_number')
        .selectAll('recordings')
        .select([
          'units.name as unit_name',
          'users.name as uploader_name',
          'devices.id as device_id',
          'devices.model as device_model',
          'devices.status as device_status',
        ])
        .where('recordings.id', 'in', ids)
        .execute(),
      ex
        .selectFrom('recording_officers')
        .innerJoin('users', 'users.id', 'recording_officers.user_id')
        .select(['recording_officers.recording_id', 'users.id', 'users.name'])
        .where('recording_officers.recording_id', 'in', ids)
        .orderBy('users.name')
        .execute(),
      ex.selectFrom('recording_derivatives').selectAll().where('recording_id', 'in', ids).execute(),
      ex
        .selectFrom('recording_flags')
        .selectAll()
        .where('recording_id', 'in', ids)
        .orderBy('kind')
        .orderBy('id')
        .execute(),
      ex
        .selectFrom('recording_links')
        .selectAll()
        .where('recording_id', 'in', ids)
        .where('removed_at', 'is', null)
        .orderBy('linked_at')
        .execute(),
    ]);
    const group = <T extends { recording_id: string }>(items: T[]) => {
      const m = new Map<string, T[]>();
      for (const item of items) {
        m.set(item.recording_id, [...(m.get(item.recording_id) ?? []), item]);
      }
      return m;
    };
    const [o, d, f, l] = [group(officers), group(derivatives), group(flags), group(links)];
    const byId = new Map(
      rows.map(({ device_id, device_model, device_status, ...r }) => {
        const people = (o.get(r.id) ?? []).map((p) => ({ id: p.id, name: p.name }));
        const record: RecordingRecord = {
          ...r,
          size_bytes: Number(r.size_bytes),
          duration_ms: r.duration_ms === null ? null : Number(r.duration_ms),
          officers: people,
          officerIds: people.map((p) => p.id).sort(),
          device: device_id
            ? { id: device_id, model: device_model, status: device_status ?? 'active' }
            : null,
          derivatives: d.get(r.id) ?? [],
          flags: f.get(r.id) ?? [],
          links: l.get(r.id) ?? [],
        };
        return [r.id, record] as const;
      }),
    );
    return ids.map((id) => byId.get(id)).filter((r): r is RecordingRecord => r !== undefined);
  },

  async list(
    ex: Executor,
    query: RecordingListQuery,
    scope: RecordingScope,
  ): Promise<{ ids: string[]; total: number }> {
    let q = ex.selectFrom('recordings');
    if (scope.kind === 'unit') {
      q = q.where((eb) => scopeFilter(eb, scope));
    }
    if (query.unitId) {
      q = q.where('recordings.unit_id', '=', query.unitId);
    }
    if (query.deviceNumber) {
      q = q.where('recordings.device_number', '=', query.deviceNumber.toUpperCase());
    }
    if (query.officerId) {
      const officerId = query.officerId;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('recording_officers')
            .whereRef('recording_officers.recording_id', '=', 'recordings.id')
            .where('recording_officers.user_id', '=', officerId)
            .select('recording_officers.user_id'),
        ),
      );
    }
    if (query.from) {
      q = q.where('recordings.capture_start', '>=', new Date(query.from).toISOString());
    }
    if (query.to) {
      q = q.where('recordings.capture_start', '<=', new Date(query.to).toISOString());
    }
    if (query.party) {
      q = q.where(sql`lower(coalesce(recordings.party, ''))`, 'like', containsPattern(query.party));
    }
    if (query.caseCause) {
      q = q.where(sql`lower(coalesce(recordings.case_cause, ''))`, 'like', containsPattern(query.caseCause));
    }
    if (query.q) {
      q = q.where(sql`lower(recordings.original_name)`, 'like', containsPattern(query.q));
    }
    if (query.category) {
      q = q.where('recordings.category', '=', query.category);
    }
    if (query.kind) {
      q = q.where('recordings.kind', '=', query.kind);
    }
    if (query.flag) {
      const flag = query.flag;
      q = q.where((eb) => flagFilter(eb, flag));
    }
    if (query.caseId) {
      const { caseId, step } = query;
      q = q.where((eb) => {
        let links = eb
          .selectFrom('recording_links')
          .whereRef('recording_links.recording_id', '=', 'recordings.id')
          .where('recording_links.case_id', '=', caseId)
          .where('recording_links.removed_at', 'is', null);
        if (step) {
          links = links.where('recording_links.step', '=', step);
        }
        return eb.exists(links.select('recording_links.id'));
      });
    }
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    // Unknown capture times sort last either way.
    const column = SORT[query.sort];
    const rows = await q
      .select('recordings.id')
      .orderBy(sql`case when ${sql.ref(column)} is null then 1 else 0 end`)
      .orderBy(column, query.order)
      .orderBy('recordings.id', query.order)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return { ids: rows.map((r) => r.id), total: Number(total.n) };
  },

  /** Every recording in id order, a page at a time (for `verify`). */
  async pageById(ex: Executor, after: string | null, limit: number): Promise<RecordingTable[]> {
    let q = ex.selectFrom('recordings').selectAll().orderBy('id').limit(limit);
    if (after !== null) {
      q = q.where('id', '>', after);
    }
    return q.execute();
  },

  async rowsByIds(ex: Executor, ids: readonly string[]): Promise<RecordingTable[]> {
    return ids.length ? ex.selectFrom('recordings').selectAll().where('id', 'in', ids).execute() : [];
  },

  // ---------- derived files ----------
  async upsertDerivative(ex: Executor, row: RecordingDerivativeTable): Promise<void> {
    await ex
      .insertInto('recording_derivatives')
      .values(row)
      .onConflict((oc) => oc.columns(['recording_id', 'kind']).doUpdateSet(row))
      .execute();
  },

  async updateDerivative(
    ex: Executor,
    recordingId: string,
    kind: RecordingDerivativeTable['kind'],
    patch: Partial<RecordingDerivativeTable>,
  ): Promise<void> {
    await ex
      .updateTable('recording_derivatives')
      .set(patch)
      .where('recording_id', '=', recordingId)
      .where('kind', '=', kind)
      .execute();
  },

  async derivative(
    ex: Executor,
    recordingId: string,
    kind: RecordingDerivativeTable['kind'],
  ): Promise<RecordingDerivativeTable | undefined> {
    return ex
      .selectFrom('recording_derivatives')
      .selectAll()
      .where('recording_id', '=', recordingId)
      .where('kind', '=', kind)
      .executeTakeFirst();
  },

  // ---------- history ----------
  async ledgerEntries(ex: Executor, subjects: { type: string; ids: readonly string[] }[]) {
    const wanted = subjects.filter((s) => s.ids.length > 0);
    if (wanted.length === 0) {
      return [];
    }
    return ex
      .selectFrom('ledger_entries')
      .leftJoin('users', 'users.id', 'ledger_entries.actor_id')
      .select([
        'ledger_entries.seq',
        'ledger_entries.at',
        'ledger_entries.action',
        'ledger_entries.actor_id',
        'ledger_entries.blob_sha256',
        'ledger_entries.event',
        'users.name as actor_name',
      ])
      .where((eb) =>
        eb.or(
          wanted.map((s) =>
            eb.and([
              eb('ledger_entries.subject_type', '=', s.type),
              eb('ledger_entries.subject_id', 'in', s.ids),
            ]),
          ),
        ),
      )
      .orderBy('ledger_entries.seq')
      .execute();
  },

  async linkIdsOf(ex: Executor, recordingId: string): Promise<string[]> {
    const rows = await ex
      .selectFrom('recording_links')
      .select('id')
      .where('recording_id', '=', recordingId)
      .execute();
    return rows.map((r) => r.id);
  },
};
