import type { proposalJa } from './proposal-ja.ts';

/** Messages of the proposal area, in English. */
export const proposalEn: typeof proposalJa = {};
