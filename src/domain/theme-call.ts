/** Where a theme call stands on a given day. */
export type ThemeCallPhase = 'upcoming' | 'open' | 'closed';

export interface ThemeCallWindow {
  opensOn: string;
  closesOn: string;
}

/**
 * The phase of a theme call on `today` ('YYYY-MM-DD'). A call accepts proposals from its
 * opening day through its closing day inclusive, and closes by itself after that.
 */
export function themeCallPhase(call: ThemeCallWindow, today: string): ThemeCallPhase {
  if (today < call.opensOn) {
    return 'upcoming';
  }
  return today <= call.closesOn ? 'open' : 'closed';
}
