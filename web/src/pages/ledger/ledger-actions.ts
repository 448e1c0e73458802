import type { MessageId } from '../../i18n';

/** Ledger actions with a friendly name; any other action shows its raw code only. */
const KNOWN_ACTIONS = [
  'unit.created',
  'unit.updated',
  'unit.deactivated',
  'user.created',
  'user.updated',
  'user.disabled',
  'user.enabled',
  'user.password_reset',
  'user.password_changed',
  'user.unlocked',
  'user.locked',
  'user.sign_in_failed',
] as const;
type KnownAction = (typeof KNOWN_ACTIONS)[number];

function isKnown(action: string): action is KnownAction {
  return (KNOWN_ACTIONS as readonly string[]).includes(action);
}

/** The message naming a ledger action, or null for an action this page does not know yet. */
export function actionLabelId(action: string): MessageId | null {
  return isKnown(action) ? (`ledger.action.${action}` satisfies MessageId) : null;
}
