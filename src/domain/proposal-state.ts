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

/**
 * The part a person plays in one proposal's process. Department roles are those of the
 * proposal's lead department: supporting departments assess and talk, the lead one moves it.
 */
export type ProcessRole =
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
  by: readonly ProcessRole[];
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
  { from: 'referred', to: 'review', by: ['departmentStaff', 'gateStaff'] },
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
  { from: 'verification', to: 'completed', by: ['departmentStaff', 'gateStaff'] },
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

/** May a person playing `roles` make this move at all, its guards aside (to offer it)? */
export function mayMove(
  from: ProposalState,
  to: ProposalState,
  roles: readonly ProcessRole[],
): boolean {
  return transitions.some(
    (t) => t.from === from && t.to === to && t.by.some((role) => roles.includes(role)),
  );
}

/** Moves that must carry a reason: the proposer is told why, and the record keeps it. */
const reasonRequired = new Set<ProposalState>([
  'infoRequested',
  'notAccepted',
  'notAdopted',
  'adopted',
  'escalated',
  'withdrawn',
]);

/** What a transition's guards look at, gathered by the command that makes it. */
export interface TransitionFacts {
  /** The reason given, as typed. */
  reason: string;
  /** The lead department, once matched (or the department a proposal is referred to). */
  leadDepartmentId: number | null;
  /** The lead department has recorded its assessment. */
  leadAssessed: boolean;
  /** For a headquarters decision: the proposal is an item of a meeting's agenda. */
  onAgenda: boolean;
  /** The selection record names the implementer and how it was chosen. */
  implementerChosen: boolean;
  /**
   * An open call was chosen and has not yet closed (or not yet been opened): its proposals
   * decide the implementer, so no agreement can be made before its last day has passed.
   */
  openCallPending: boolean;
  /** The agreement is recorded with the day it was signed. */
  agreementSigned: boolean;
  /** The verification is recorded. */
  verified: boolean;
}

export type TransitionRefusal =
  /** No such move from the current state (including a move already made by someone else). */
  | 'illegal'
  /** The move exists, but not for this person. */
  | 'notPermitted'
  | 'reasonRequired'
  | 'leadRequired'
  | 'assessmentRequired'
  | 'agendaRequired'
  | 'selectionRequired'
  | 'openCallPending'
  | 'agreementRequired'
  | 'verificationRequired';

export type TransitionCheck = { ok: true } | { ok: false; refusal: TransitionRefusal };

/**
 * May a person playing `roles` move a proposal from `from` to `to`, given `facts`? The rules of
 * the guideline's process: a decision and a refusal always carry a reason; a proposal goes to
 * dialogue and is referred only with a lead department; the lead department decides only
 * after assessing; the headquarters decides only what is on a meeting's agenda; an agreement
 * follows a recorded selection, implementation a signed agreement, completion a verification.
 */
export function checkTransition(
  from: ProposalState,
  to: ProposalState,
  roles: readonly ProcessRole[],
  facts: TransitionFacts,
): TransitionCheck {
  const transition = transitions.find((t) => t.from === from && t.to === to);
  if (!transition) {
    return { ok: false, refusal: 'illegal' };
  }
  if (!mayMove(from, to, roles)) {
    return { ok: false, refusal: 'notPermitted' };
  }
  if (reasonRequired.has(to) && facts.reason.trim() === '') {
    return { ok: false, refusal: 'reasonRequired' };
  }
  const needsLead = to === 'referred' || (from === 'review' && to === 'dialogue');
  if (needsLead && facts.leadDepartmentId === null) {
    return { ok: false, refusal: 'leadRequired' };
  }
  if (from === 'dialogue' && to === 'decision' && !facts.leadAssessed) {
    return { ok: false, refusal: 'assessmentRequired' };
  }
  if (from === 'escalated' && !facts.onAgenda) {
    return { ok: false, refusal: 'agendaRequired' };
  }
  if (from === 'selection' && to === 'agreement' && !facts.implementerChosen) {
    return { ok: false, refusal: 'selectionRequired' };
  }
  if (from === 'selection' && to === 'agreement' && facts.openCallPending) {
    return { ok: false, refusal: 'openCallPending' };
  }
  if (from === 'agreement' && to === 'implementation' && !facts.agreementSigned) {
    return { ok: false, refusal: 'agreementRequired' };
  }
  // A project completes only once verified, even when the city paid nothing.
  if (from === 'verification' && to === 'completed' && !facts.verified) {
    return { ok: false, refusal: 'verificationRequired' };
  }
  return { ok: true };
}

/** Who has to act next on a proposal in each state; null once it is closed. */
export type Holder = 'proposer' | 'gate' | 'leadDepartment' | 'leadApprover' | 'headquarters';

export const holderOf: Record<ProposalState, Holder | null> = {
  draft: 'proposer',
  submitted: 'gate',
  screening: 'gate',
  infoRequested: 'proposer',
  notAccepted: null,
  referred: 'leadDepartment',
  review: 'gate',
  dialogue: 'leadDepartment',
  decision: 'leadApprover',
  escalated: 'headquarters',
  notAdopted: null,
  adopted: 'leadDepartment',
  selection: 'leadDepartment',
  agreement: 'leadDepartment',
  implementation: 'leadDepartment',
  verification: 'leadDepartment',
  completed: null,
  withdrawn: null,
};

/**
 * The timed phases of the process. Each has a time target in working days, a tenant setting;
 * the clock of a phase starts when the proposal enters its first state and runs until it
 * leaves the last, so a proposal waiting to be opened already counts against screening.
 */
export const timedPhases = ['screening', 'matching', 'dialogue', 'decision'] as const;
export type TimedPhase = (typeof timedPhases)[number];

export const phaseOf: Partial<Record<ProposalState, TimedPhase>> = {
  submitted: 'screening',
  screening: 'screening',
  review: 'matching',
  referred: 'matching',
  dialogue: 'dialogue',
  decision: 'decision',
};

/** The targets a new tenant starts with, in working days. */
export const defaultTimeTargets: Record<TimedPhase, number> = {
  screening: 10,
  matching: 10,
  dialogue: 20,
  decision: 10,
};

/** The states a proposal is in while the city still works on it towards a decision. */
export const openStates: readonly ProposalState[] = proposalStates.filter(
  (state) => state !== 'draft' && holderOf[state] !== null,
);
