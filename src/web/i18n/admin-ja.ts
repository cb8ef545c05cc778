/** The administration area (staff accounts, departments, audit log), in Japanese. */
export const adminJa = {};
