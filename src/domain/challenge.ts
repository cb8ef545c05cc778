import type { Lang } from './language.ts';

/**
 * The life of a challenge (課題): a department drafts it and submits it to the gate; the
 * gate returns it with a comment, or publishes it; a published challenge is closed when it
 * no longer takes proposals, and archived when it should leave the portal altogether.
 */

export const challengeStatuses = [
  'draft',
  'submitted',
  'returned',
  'published',
  'closed',
  'archived',
] as const;
export type ChallengeStatus = (typeof challengeStatuses)[number];

/** Statuses a visitor may see; drafts, returned and archived challenges stay in the office. */
export const publicStatuses: readonly ChallengeStatus[] = ['published', 'closed'];

export type ChallengeStep = 'submit' | 'return' | 'publish' | 'close' | 'archive';

/** Where each step may start from, and where it leads. */
export const challengeSteps: Record<
  ChallengeStep,
  { from: ChallengeStatus[]; to: ChallengeStatus }
> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  return: { from: ['submitted'], to: 'returned' },
  // The gate may publish what it wrote itself, and reopen a closed challenge.
  publish: { from: ['draft', 'submitted', 'closed'], to: 'published' },
  close: { from: ['published'], to: 'closed' },
  archive: { from: ['draft', 'submitted', 'returned', 'published', 'closed'], to: 'archived' },
};

/** True when `step` may be taken from `status`. */
export function canStep(step: ChallengeStep, status: ChallengeStatus): boolean {
  return challengeSteps[step].from.includes(status);
}

/** The texts of a challenge, in the order the form and the public page show them. */
export const challengeTextNames = [
  'title',
  'wanted',
  'solution',
  'partner_benefit',
  'outcome',
  'background',
  'situation',
  'offer',
  'constraints',
  'contact',
] as const;
export type ChallengeTextName = (typeof challengeTextNames)[number];

/** Texts without which a challenge cannot be saved (the public page needs them). */
export const requiredChallengeTexts: readonly ChallengeTextName[] = [
  'title',
  'wanted',
  'situation',
];

export type ChallengeTextColumn = `${ChallengeTextName}_${Lang}`;

/** Every text column of a challenge. */
export const challengeTextColumns: ChallengeTextColumn[] = challengeTextNames.flatMap((name) => [
  `${name}_ja` as const,
  `${name}_en` as const,
]);
