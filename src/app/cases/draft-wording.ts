import { formatDate } from '../../domain/calendar.ts';
import type { DraftWording } from '../../domain/case-draft.ts';
import type { Lang } from '../../domain/language.ts';

// The words of a case's first draft. Like the mail templates, they are text the gate writes
// into a record, not labels of a page: the gate edits the draft before anyone reads it.

const ja: DraftWording = {
  listSeparator: '、',
  cityRoles: (text) => `市の役割：${text.trim()}`,
  partnerRoles: (text) => `事業者・団体の役割：${text.trim()}`,
  indicator: (name, target, actuals) => `${name}：目標 ${target}、実績 ${actuals}`,
  actual: (period, value) => `${value}（${period}）`,
  noActual: 'なし',
  verdict: (text) => `評価：${text.trim()}`,
  worked: (text) => `うまくいったこと：${text.trim()}`,
  lessons: (text) => `得られた教訓：${text.trim()}`,
  period: (from, to) => (to ? `${from}〜${to}` : `${from}〜`),
  date: (iso) => formatDate(iso, 'ja'),
};

const en: DraftWording = {
  listSeparator: ', ',
  cityRoles: (text) => `The city's role: ${text.trim()}`,
  partnerRoles: (text) => `The partner's role: ${text.trim()}`,
  indicator: (name, target, actuals) => `${name}: target ${target}, actual ${actuals}`,
  actual: (period, value) => `${value} (${period})`,
  noActual: 'none recorded',
  verdict: (text) => `Assessment: ${text.trim()}`,
  worked: (text) => `What worked: ${text.trim()}`,
  lessons: (text) => `Lessons learned: ${text.trim()}`,
  period: (from, to) => (to ? `${from} – ${to}` : `from ${from}`),
  date: (iso) => formatDate(iso, 'en'),
};

/** The wording of a case draft in a language. */
export const draftWording: Record<Lang, DraftWording> = { ja, en };
