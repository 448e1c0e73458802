import type { RecordingLinkDto, RecordingLinkInput } from '@quancheng/contracts';
import type { Trx } from '../../db/database';
import type { RecordingLinkTable } from '../../db/types';
import { AppError, forbidden, notFound } from '../../http/errors';
import type { Actor } from '../../security/actor';
import { getProcedure, type ProcedureDefinition } from '../../procedures';
import { casesPolicy, casesRepository } from '../cases';
import { recomputeContinuity, placeKeyOf } from './recordings.continuity';
import type { RecordingsContext } from './recordings.ingest';
import { recordingsPolicy } from './recordings.policy';
import { recordingLinksRepository } from './recording-links.repository';
import type { createRecordingsService } from './recordings.service';
import { newId } from '../../db/ids';

export function presentLink(l: RecordingLinkTable): RecordingLinkDto {
  return {
    id: l.id,
    recordingId: l.recording_id,
    caseId: l.case_id,
    step: l.step,
    note: l.note,
    linkedBy: l.linked_by,
    linkedAt: l.linked_at,
  };
}

/**
 * The AV requirements a case's procedure names (on its steps and transitions), by id: what a
 * recording may be linked to on that case.
 */
export function recordingRequirements(def: ProcedureDefinition) {
  const out = new Map<string, { id: string; ruleId: string; label: { 'zh-CN': string; en: string } }>();
  for (const r of [
    ...def.steps.flatMap((s) => s.recordings ?? []),
    ...def.transitions.flatMap((t) => t.recordings ?? []),
  ]) {
    out.set(r.id, r);
  }
  return out;
}

/** The case a link names, if the actor may see it, and the requirement it is linked for. */
async function linkTarget(trx: Trx, actor: Actor, input: RecordingLinkInput) {
  const c = await casesRepository.findById(trx, input.caseId);
  const officerIds = c ? (await casesRepository.officers(trx, [c.id])).map((o) => o.user_id) : [];
  if (!c || !casesPolicy.read(actor, c, officerIds)) {
    throw new AppError(400, 'recording.link_case_unknown', {}, { field: 'caseId' });
  }
  const def = getProcedure(c.procedure_id, Number(c.procedure_version));
  const requirements = def ? recordingRequirements(def) : new Map();
  if (!requirements.has(input.step)) {
    const allowed = [...requirements.keys()];
    throw new AppError(
      400,
      'recording.link_step_unknown',
      { step: input.step, allowed: allowed.length ? allowed.join(', ') : '—' },
      { field: 'step' },
    );
  }
  return c;
}

/**
 * Attaching recordings to a case for one of the AV requirements of its procedure (the link's
 * `step` is the requirement id, e.g. `inspection_av`, A7.1). A link is never deleted: unlinking stamps it, and both
 * are ledger leaves of subject `recording_link`. The step a recording is linked to decides its
 * A22.5 continuity group, so both recompute the flags.
 */
export function createRecordingLinks(
  ctx: RecordingsContext,
  recordings: ReturnType<typeof createRecordingsService>,
) {
  const { deps } = ctx;

  async function record(trx: Trx, actor: Actor, action: string, id: string, detail?: object) {
    const row = await recordingLinksRepository.findById(trx, id);
    if (!row) {
      throw notFound();
    }
    await deps.ledger.append(trx, {
      actorId: actor.id,
      action,
      subject: { type: 'recording_link', id },
      row,
      detail: { recordingId: row.recording_id, ...detail },
    });
    return row;
  }

  async function recompute(
    trx: Trx,
    recording: { id: string; device_number: string | null; place: string | null },
    at: string,
  ) {
    await recomputeContinuity(trx, [placeKeyOf(recording)], [recording.id], {
      toleranceSeconds: ctx.continuityToleranceSeconds,
      at,
    });
  }

  return {
    async list(actor: Actor, recordingId: string): Promise<{ items: RecordingLinkDto[] }> {
      const recording = await recordings.visible(deps.db, actor, recordingId);
      return { items: recording.links.map(presentLink) };
    },

    async link(actor: Actor, recordingId: string, input: RecordingLinkInput): Promise<RecordingLinkDto> {
      const row = await deps.write(async (trx) => {
        const recording = await recordings.visible(trx, actor, recordingId);
        if (!recordingsPolicy.link(actor, recording)) {
          throw forbidden();
        }
        await linkTarget(trx, actor, input);
        if (await recordingLinksRepository.findActive(trx, recordingId, input.caseId, input.step)) {
          throw new AppError(409, 'recording.link_exists');
        }
        const at = deps.now().toISOString();
        const link: RecordingLinkTable = {
          id: newId(),
          recording_id: recordingId,
          case_id: input.caseId,
          step: input.step,
          note: input.note ?? null,
          linked_by: actor.id,
          linked_at: at,
          removed_by: null,
          removed_at: null,
          removed_reason: null,
        };
        await recordingLinksRepository.insert(trx, link);
        await recompute(trx, recording, at);
        return record(trx, actor, 'recording_link.created', link.id);
      });
      return presentLink(row);
    },

    async unlink(actor: Actor, recordingId: string, linkId: string, reason: string | null): Promise<void> {
      await deps.write(async (trx) => {
        const recording = await recordings.visible(trx, actor, recordingId);
        if (!recordingsPolicy.link(actor, recording)) {
          throw forbidden();
        }
        const link = await recordingLinksRepository.findById(trx, linkId);
        if (!link || link.recording_id !== recordingId || link.removed_at !== null) {
          throw new AppError(404, 'recording.link_missing');
        }
        const at = deps.now().toISOString();
        await recordingLinksRepository.markRemoved(trx, linkId, actor.id, at, reason);
        await recompute(trx, recording, at);
        await record(trx, actor, 'recording_link.removed', linkId, reason ? { reason } : undefined);
      });
    },
  };
}

export type RecordingLinks = ReturnType<typeof createRecordingLinks>;
