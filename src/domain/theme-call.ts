/** Where a theme call stands on a given day. */
export type ThemeCallPhase = 'upcoming' | 'open' | 'closed';

export interface ThemeCallWindow {
  opensOn: string;
  closesOn: string;
  /** The challenge's own status: a call ends with its challenge, whatever its dates say. */
  challengeStatus?: string | undefined;
}

/**
 * The phase of a theme call on `today` ('YYYY-MM-DD'). A call accepts proposals from its
 * opening day through its closing day inclusive, and closes by itself after that.
 */
export function themeCallPhase(call: ThemeCallWindow, today: string): ThemeCallPhase {
  if (call.challengeStatus !== undefined && call.challengeStatus !== 'published') {
    return 'closed';
  }
  if (today < call.opensOn) {
    return 'upcoming';
  }
  return today <= call.closesOn ? 'open' : 'closed';
}

/**
 * True while a theme call takes public questions on `today`: from its opening day through
 * its question deadline, or through its closing day when it has none.
 */
export function takesQuestions(
  call: ThemeCallWindow & { questionDeadline: string | null },
  today: string,
): boolean {
  return (
    themeCallPhase(call, today) !== 'closed' &&
    today >= call.opensOn &&
    today <= (call.questionDeadline ?? call.closesOn)
  );
}
