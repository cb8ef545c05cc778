/**
 * The proposal process of the guideline's chapter 8: four stages, the states a proposal
 * passes through, and who may move it from one state to the next.
 */

export const stages = ['idea', 'feasibility', 'delivery', 'review'] as const;
export type Stage = (typeof stages)[number];

export const proposalStates = [
  'draft',
  'submitted',
  'screening',
  'infoRequested',
  'notAccepted',
  'referred',
  'review',
  'dialogue',
  'decision',
  'escalated',
  'notAdopted',
  'adopted',
  'selection',
  'agreement',
  'implementation',
  'verification',
  'completed',
  'withdrawn',
] as const;
export type ProposalState = (typeof proposalStates)[number];

export type Actor =
  'proposer' | 'gateStaff' | 'departmentStaff' | 'departmentApprover' | 'headquarters' | 'system';

/** The stage each state belongs to; closing states sit in the stage where they end. */
export const stageOf: Record<ProposalState, Stage> = {
  draft: 'idea',
  submitted: 'idea',
  screening: 'feasibility',
  infoRequested: 'feasibility',
  notAccepted: 'feasibility',
  referred: 'feasibility',
  review: 'feasibility',
  dialogue: 'feasibility',
  decision: 'feasibility',
  escalated: 'feasibility',
  notAdopted: 'feasibility',
  adopted: 'delivery',
  selection: 'delivery',
  agreement: 'delivery',
  implementation: 'delivery',
  verification: 'review',
  completed: 'review',
  withdrawn: 'idea',
};

export interface Transition {
  from: ProposalState;
  to: ProposalState;
  by: readonly Actor[];
}

const department = ['departmentStaff'] as const;

/** Every allowed move. Withdrawal is allowed from any state before an agreement. */
export const transitions: readonly Transition[] = [
  { from: 'draft', to: 'submitted', by: ['proposer'] },
  { from: 'submitted', to: 'screening', by: ['system', 'gateStaff'] },
  { from: 'screening', to: 'infoRequested', by: ['gateStaff'] },
  { from: 'screening', to: 'notAccepted', by: ['gateStaff'] },
  { from: 'screening', to: 'referred', by: ['gateStaff'] },
  { from: 'screening', to: 'review', by: ['gateStaff'] },
  { from: 'infoRequested', to: 'submitted', by: ['proposer'] },
  { from: 'referred', to: 'review', by: department },
  { from: 'review', to: 'dialogue', by: ['gateStaff', 'departmentStaff'] },
  { from: 'dialogue', to: 'decision', by: department },
  { from: 'decision', to: 'adopted', by: ['departmentApprover'] },
  { from: 'decision', to: 'notAdopted', by: ['departmentApprover'] },
  { from: 'decision', to: 'escalated', by: ['departmentApprover'] },
  { from: 'escalated', to: 'adopted', by: ['headquarters'] },
  { from: 'escalated', to: 'notAdopted', by: ['headquarters'] },
  { from: 'adopted', to: 'selection', by: department },
  { from: 'selection', to: 'agreement', by: ['departmentStaff', 'gateStaff'] },
  { from: 'agreement', to: 'implementation', by: department },
  { from: 'implementation', to: 'verification', by: department },
  { from: 'verification', to: 'completed', by: ['gateStaff'] },
  ...withdrawable().map((from) => ({ from, to: 'withdrawn' as const, by: ['proposer'] as const })),
];

function withdrawable(): ProposalState[] {
  const beforeAgreement = proposalStates.slice(0, proposalStates.indexOf('agreement'));
  return beforeAgreement.filter((state) => !['draft', 'notAccepted', 'notAdopted'].includes(state));
}

/** States with no way onward. */
export const finalStates: readonly ProposalState[] = proposalStates.filter(
  (state) => !transitions.some((t) => t.from === state),
);

/** The states a proposal may move to from `state`. */
export function nextStates(state: ProposalState): ProposalState[] {
  return [...new Set(transitions.filter((t) => t.from === state).map((t) => t.to))];
}
