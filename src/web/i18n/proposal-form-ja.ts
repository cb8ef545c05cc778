/** Messages of the proposal form, in Japanese. */
export const proposalFormJa = {};
