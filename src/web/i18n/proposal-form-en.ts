import type { proposalFormJa } from './proposal-form-ja.ts';

/** Messages of the proposal area, in English. */
export const proposalFormEn: typeof proposalFormJa = {};
