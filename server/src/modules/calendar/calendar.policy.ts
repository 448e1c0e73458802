import { can, type Actor } from '../../security/actor';

/**
 * The working-day calendar is read by everyone signed in (every deadline depends on it); its
 * override file is shown to those who maintain it (the IT centre).
 */
export const calendarPolicy = {
  read(_actor: Actor): boolean {
    return true;
  },
  manage(actor: Actor): boolean {
    return can(actor, 'calendar.manage');
  },
};
