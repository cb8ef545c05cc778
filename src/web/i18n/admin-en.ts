import type { adminJa } from './admin-ja.ts';

/** The administration area (staff accounts, departments, audit log), in English. */
export const adminEn: typeof adminJa = {};
