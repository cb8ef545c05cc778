import type { Lang } from '../../domain/language.ts';
import type { ProposalState } from '../../domain/proposal-state.ts';
import { messages } from '../../web/i18n/index.ts';

/**
 * The names of proposal states in mail, taken from the site's own catalogue so that a
 * message and the page it links to name a state the same way.
 */
export const stateNames: Record<Lang, Record<ProposalState, string>> = {
  ja: messages('ja').stateNames,
  en: messages('en').stateNames,
};
