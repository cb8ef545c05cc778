/** Messages of the proposal pages (lists, views, downloads), in Japanese. */
export const proposalJa = {};
