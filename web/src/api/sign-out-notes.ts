/**
 * Why the user is on the sign-in page: a deliberate sign-out (then the next user starts at the
 * workbench, not on the previous user's page) or a lost session (then the page says so).
 */
const LOST_KEY = 'qc.sessionLost';
let deliberate = false;

export function noteDeliberateSignOut(): void {
  deliberate = true;
}

export function wasDeliberateSignOut(): boolean {
  return deliberate;
}

/** Remembers the server's explanation (already translated) across the redirect to /login. */
export function noteSessionLost(message: string): void {
  try {
    window.sessionStorage.setItem(LOST_KEY, message);
  } catch {
    // Storage unavailable: the sign-in page simply shows no explanation.
  }
}

export function sessionLostNotice(): string | null {
  try {
    return window.sessionStorage.getItem(LOST_KEY);
  } catch {
    return null;
  }
}

export function clearSignOutNotes(): void {
  deliberate = false;
  try {
    window.sessionStorage.removeItem(LOST_KEY);
  } catch {
    // Nothing stored.
  }
}
