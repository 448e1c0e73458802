import { can, type Actor } from '../../security/actor';

/** Officers, unit heads and archivists upload evidence; an upload in progress is its creator's. */
export const uploadsPolicy = {
  upload: (actor: Actor) => can(actor, 'recording.upload'),
  continue: (actor: Actor, ownerId: string | null) => ownerId !== null && ownerId === actor.id,
};
