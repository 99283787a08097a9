/**
 * The application this tab is following (number + token), so a reload or the status link
 * keeps it. sessionStorage, not localStorage: on a shared computer the token goes with the tab.
 */
const KEY = 'xz.prereview.current';

export interface SavedApplication {
  id: string;
  token: string;
}

export function rememberApplication(a: SavedApplication): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(a));
  } catch {
    // private mode: the citizen has the number and token on screen to note down
  }
}

export function recallApplication(): SavedApplication | null {
  try {
    const v = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<SavedApplication> | null;
    return v && typeof v.id === 'string' && typeof v.token === 'string' ? { id: v.id, token: v.token } : null;
  } catch {
    return null;
  }
}
