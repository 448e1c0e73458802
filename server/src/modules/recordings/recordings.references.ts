import type { Executor } from '../../db/database';
import { invalidField } from '../../http/errors';
import type { Actor } from '../../security/actor';
import { unitsRepository, usersRepository } from '../org';
import { recordingsPolicy } from './recordings.policy';

/**
 * What the schema cannot check about a recording's descriptive fields: the officers exist and are
 * active, the unit exists and the actor may file to it, and the capture does not end before it
 * starts. Throws a field error (400).
 */
export async function assertDescriptiveValid(
  ex: Executor,
  actor: Actor,
  d: {
    officerIds: readonly string[];
    unitId: string;
    captureStart: string | null;
    captureEnd: string | null;
  },
  unitChanged: boolean,
): Promise<void> {
  if (unitChanged) {
    if (!recordingsPolicy.uploadToUnit(actor, d.unitId)) {
      throw invalidField('unitId', 'v.unit_not_allowed');
    }
    const unit = await unitsRepository.findById(ex, d.unitId);
    if (!unit || unit.active !== 1) {
      throw invalidField('unitId', 'org.unit_missing');
    }
  }
  if (d.officerIds.length > 0) {
    const people = await usersRepository.findByIds(ex, d.officerIds);
    const active = new Set(people.filter((p) => p.active === 1).map((p) => p.id));
    if (d.officerIds.some((id) => !active.has(id))) {
      throw invalidField('officerIds', 'v.officer_unknown');
    }
  }
  if (d.captureStart && d.captureEnd && d.captureEnd < d.captureStart) {
    throw invalidField('captureEnd', 'v.capture_order');
  }
}
