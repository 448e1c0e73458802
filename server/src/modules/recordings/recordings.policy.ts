import { can, type Actor } from '../../security/actor';

/**
 * Which recordings a person may see (A25.4 "within their authorised scope", A29.4):
 * - `recording.read_all` (agency head, legal affairs, archivist): every recording;
 * - `recording.read` (officers, unit heads): their own unit's recordings, except `sensitive`
 *   ones unless they also hold `recording.read_sensitive` (unit heads); and, in any unit, the
 *   recordings they uploaded or are named on as officer;
 * - anyone else (finance, IT): none.
 */
export type RecordingScope =
  { kind: 'all' } | { kind: 'unit'; unitId: string; userId: string; sensitive: boolean };

/** The fields of a recording the rules look at. */
export interface RecordingAccessFacts {
  unit_id: string;
  uploaded_by: string;
  confidentiality: string;
  officerIds: readonly string[];
}

export const recordingsPolicy = {
  scope(actor: Actor): RecordingScope | null {
    if (can(actor, 'recording.read_all')) {
      return { kind: 'all' };
    }
    if (can(actor, 'recording.read')) {
      return {
        kind: 'unit',
        unitId: actor.unitId,
        userId: actor.id,
        sensitive: can(actor, 'recording.read_sensitive'),
      };
    }
    return null;
  },

  read(actor: Actor, r: RecordingAccessFacts): boolean {
    const scope = recordingsPolicy.scope(actor);
    if (!scope) {
      return false;
    }
    if (scope.kind === 'all' || recordingsPolicy.involved(actor, r)) {
      return true;
    }
    return r.unit_id === scope.unitId && (scope.sensitive || r.confidentiality !== 'sensitive');
  },

  /** The uploader or a named officer. */
  involved(actor: Actor, r: RecordingAccessFacts): boolean {
    return r.uploaded_by === actor.id || r.officerIds.includes(actor.id);
  },

  /** Correct the descriptive fields: unit heads and archivists, officers only on their own. */
  edit(actor: Actor, r: RecordingAccessFacts): boolean {
    if (!can(actor, 'recording.edit') || !recordingsPolicy.read(actor, r)) {
      return false;
    }
    return (
      can(actor, 'recording.read_all') ||
      can(actor, 'recording.read_sensitive') ||
      recordingsPolicy.involved(actor, r)
    );
  },

  /** Download the original bytes (a copy leaves the system): heads, supervisors, archivists. */
  download: (actor: Actor, r: RecordingAccessFacts) =>
    can(actor, 'recording.download') && recordingsPolicy.read(actor, r),

  link: (actor: Actor, r: RecordingAccessFacts) =>
    can(actor, 'recording.link') && recordingsPolicy.read(actor, r),

  upload: (actor: Actor) => can(actor, 'recording.upload'),

  /** Registering a recording to another unit than one's own needs the all-units scope. */
  uploadToUnit: (actor: Actor, unitId: string) => unitId === actor.unitId || can(actor, 'recording.read_all'),
};
