import type { fairnessJa } from './fairness-ja.ts';

/** Messages of the fairness monitor page, in English. */
export const fairnessEn: typeof fairnessJa = {
  title: 'Fairness monitor (exclusive arrangements)',
  lead: 'Organisations that hold several exclusive arrangements at the same time, or one for a long time, are listed here. Please review them and, where needed, consider choosing implementers by an open call.',
  inboxLink: 'Fairness monitor',
  backToInbox: 'Back to the staff area',
  scope:
    'Arrangements count when their exclusivity in time or in space is high. Arrangements past their end date, projects whose verification decided to end them and withdrawn proposals are not included.',
  thresholdHeading: 'What counts as a long time',
  thresholdText: (months: number) =>
    `Arrangements that run for more than ${months} months, or without an end date, are shown as long.`,
  flaggedHeading: (count: number) => `Organisations to review (${count})`,
  noFlags: 'No organisation needs a review at present.',
  nameOnly: '(not registered on the gate)',
  several: (count: number) => `Holds ${count} exclusive arrangements at the same time.`,
  long: (count: number, months: number) =>
    count === 1
      ? `Holds an exclusive arrangement that runs for more than ${months} months.`
      : `Holds ${count} exclusive arrangements that run for more than ${months} months.`,
  tableCaption: (name: string) => `Exclusive arrangements of ${name}`,
  columns: {
    proposal: 'Proposal',
    period: 'Agreement period',
    duration: 'Exclusive for',
    status: 'Status',
    exclusivity: 'Exclusive in',
    reasons: 'Why it is listed',
  },
  statuses: { active: 'In force', planned: 'Planned' },
  period: (from: string, until: string | null) =>
    until === null ? `From ${from}, with no end date` : `${from} to ${until}`,
  durations: {
    openEnded: 'No end date',
    exclusiveMonths: (months: number) => `${months} months (from the selection record)`,
    agreement: (months: number, days: number) =>
      days === 0
        ? `${months} months`
        : `${months} months and ${days} ${days === 1 ? 'day' : 'days'}`,
  },
  exclusivity: { time: 'time', space: 'space' },
  listSeparator: ' and ',
  reasonSeveral: 'Several at once',
  reasonLong: 'Long',
  formHeading: 'Change what counts as a long time',
  monthsLabel: 'Months that count as a long time',
  monthsHint: (min: number, max: number) => `A whole number from ${min} to ${max}.`,
  submit: 'Change the months',
  saved: (months: number) => `Arrangements longer than ${months} months are now shown as long.`,
  errors: {
    required: 'Enter the number of months that counts as a long time.',
    invalid: (min: number, max: number) =>
      `Enter the months as a whole number from ${min} to ${max}.`,
  },
};
