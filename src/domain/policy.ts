import type { ProcessRole, ProposalState } from './proposal-state.ts';

/**
 * The access policy: one place that answers "may this actor do this to this object".
 *
 * Pure functions of plain facts, so every route, export, feed, search, notification and file
 * download asks the same question and gets the same answer. Access is need-to-know: a
 * department sees a proposal only once assigned to it, the headquarters only what was
 * escalated, and an organisation only its own. Anything outside the actor's tenant is out of
 * reach. Callers answer "not found" when the answer is no, exactly as for a missing object.
 */

export const staffRoles = [
  'gateStaff',
  'departmentStaff',
  'departmentApprover',
  'headquartersMember',
  'tenantAdmin',
] as const;
export type StaffRole = (typeof staffRoles)[number];

/** Roles held in one department; the others hold for the whole tenant. */
export const departmentRoles: readonly StaffRole[] = ['departmentStaff', 'departmentApprover'];

export interface RoleGrant {
  role: StaffRole;
  /** The department of a department role; null for tenant-wide roles. */
  departmentId: number | null;
}

export type Actor =
  | { kind: 'visitor' }
  | {
      kind: 'proposer';
      userId: number;
      tenantId: number;
      organisationId: number;
      organisationAdmin: boolean;
      /** The e-mail address has been confirmed; until then nothing can be submitted. */
      verified: boolean;
    }
  | { kind: 'staff'; userId: number; tenantId: number; roles: readonly RoleGrant[] };

export const visitor: Actor = { kind: 'visitor' };

/** What the policy knows of each kind of object. */
export interface PolicyObjects {
  /** The staff work area as a whole (inbox, lists). */
  staffArea: { tenantId: number };
  /** The tenant administration: users, departments, settings, audit log. */
  adminArea: { tenantId: number };
  organisation: { tenantId: number; id: number };
  /** Any account: a proposer (with organisation) or a staff member. */
  user: { tenantId: number; id: number; kind: 'proposer' | 'staff'; organisationId: number | null };
  department: { tenantId: number; id: number };
  auditLog: { tenantId: number };
  /** Statuses as stored (see the challenge table). */
  challenge: {
    tenantId: number;
    departmentId: number | null;
    status: 'draft' | 'submitted' | 'returned' | 'published' | 'closed' | 'archived';
    /** The gate wrote the draft itself; a department's draft is its own until submitted. */
    draftedByGate?: boolean;
  };
  proposal: {
    tenantId: number;
    organisationId: number;
    state: ProposalState;
    /** Lead and supporting departments; empty until matched. */
    assignedDepartmentIds: readonly number[];
    /** The lead department among them (or the one it was referred to); null until matched. */
    leadDepartmentId: number | null;
    /** Has been put on the headquarters meeting's agenda. */
    escalated: boolean;
  };
  /** `organisationId`: the partner that approves a case made from its project; else null. */
  case: { tenantId: number; published: boolean; organisationId?: number | null };
  /**
   * The gate's call for challenges. `departmentIds`: the departments asked and every
   * department below them, so staff of a section see a call sent to its bureau.
   */
  challengeCall: { tenantId: number; departmentIds: readonly number[] };
  /** The public questions of a theme call; `open` until the call's question deadline. */
  themeQuestion: { tenantId: number; open: boolean };
  /** The headquarters meetings: sessions, their agendas and the opinions of outside experts. */
  headquarters: { tenantId: number };
  /** The fairness monitor of exclusive arrangements, and its threshold. */
  fairness: { tenantId: number };
  /** The partnership budget: the funds of each fiscal year and the requests on them. */
  partnershipBudget: { tenantId: number };
  /**
   * A request for money from the partnership budget for one proposal. `leadDepartmentId`: the
   * proposal's lead department; `requestedBy`: who filed the request, null before it exists.
   */
  budgetRequest: { tenantId: number; leadDepartmentId: number | null; requestedBy: number | null };
}

export type ObjectKind = keyof PolicyObjects;

/** Every action on every kind of object. */
export const actions = {
  staffArea: ['enter'],
  adminArea: ['enter'],
  organisation: ['view', 'update', 'manageMembers'],
  user: ['view', 'create', 'updateRoles', 'disable'],
  department: ['view', 'create', 'update', 'archive'],
  auditLog: ['view'],
  challenge: [
    'view',
    'create',
    'update',
    'submit',
    'publish',
    'return',
    'close',
    'archive',
    'manageThemeCall',
    'refer',
    'share',
  ],
  proposal: [
    'create',
    'view',
    'viewConfidential',
    'update',
    'submit',
    'withdraw',
    'screen',
    'assign',
    'assess',
    'decide',
    'decideAtHeadquarters',
    'message',
    'writeInternalNote',
    'readInternalNotes',
    'scheduleMeeting',
    'deliver',
  ],
  case: ['view', 'create', 'update', 'publish', 'approve'],
  challengeCall: ['view', 'create', 'remind', 'respond'],
  themeQuestion: ['ask', 'answer'],
  headquarters: ['view', 'manage', 'decide'],
  fairness: ['view', 'configure'],
  partnershipBudget: ['view', 'manage'],
  budgetRequest: ['file', 'withdraw'],
} as const satisfies { [K in ObjectKind]: readonly string[] };

export type Action<K extends ObjectKind> = (typeof actions)[K][number];

export type PolicyTarget = {
  [K in ObjectKind]: { kind: K; action: Action<K>; object: PolicyObjects[K] };
}[ObjectKind];

/** The proposal states in which the proposer's organisation still edits its own text. */
const editableProposalStates = new Set<ProposalState>(['draft', 'infoRequested']);
/** The states before an agreement, in which a proposer may still withdraw. */
const withdrawableProposalStates = new Set<ProposalState>([
  'submitted',
  'screening',
  'infoRequested',
  'referred',
  'review',
  'dialogue',
  'decision',
  'escalated',
  'adopted',
  'selection',
]);
const publicChallengeStatuses = new Set(['published', 'closed']);

function has(actor: Actor, role: StaffRole): boolean {
  return actor.kind === 'staff' && actor.roles.some((grant) => grant.role === role);
}

/** The departments in which the actor holds one of `roles`. */
function departmentsWith(actor: Actor, roles: readonly StaffRole[]): number[] {
  if (actor.kind !== 'staff') {
    return [];
  }
  return actor.roles
    .filter((grant) => roles.includes(grant.role) && grant.departmentId !== null)
    .map((grant) => grant.departmentId!);
}

function inDepartment(actor: Actor, roles: readonly StaffRole[], departmentId: number | null) {
  return departmentId !== null && departmentsWith(actor, roles).includes(departmentId);
}

function assignedTo(actor: Actor, roles: readonly StaffRole[], ids: readonly number[]): boolean {
  const mine = departmentsWith(actor, roles);
  return ids.some((id) => mine.includes(id));
}

/** May `actor` do `action` to `object` (of kind `kind`)? */
export function can<K extends ObjectKind>(
  actor: Actor,
  kind: K,
  action: Action<K>,
  object: PolicyObjects[K],
): boolean {
  return decide(actor, { kind, action, object } as PolicyTarget);
}

function decide(actor: Actor, target: PolicyTarget): boolean {
  // Public content is the only thing a visitor, or anyone from another tenant, may see.
  if (target.kind === 'challenge' && target.action === 'view') {
    if (publicChallengeStatuses.has(target.object.status)) {
      return true;
    }
  }
  if (target.kind === 'case' && target.action === 'view' && target.object.published) {
    return true;
  }
  if (actor.kind === 'visitor' || actor.tenantId !== target.object.tenantId) {
    return false;
  }
  const gate = has(actor, 'gateStaff');
  const admin = has(actor, 'tenantAdmin');

  switch (target.kind) {
    case 'staffArea':
      // An account whose last role was taken away keeps nothing of the staff pages.
      return actor.kind === 'staff' && actor.roles.length > 0;
    case 'adminArea':
      return admin;
    case 'auditLog':
      return admin;
    case 'department':
      return target.action === 'view' ? actor.kind === 'staff' && actor.roles.length > 0 : admin;
    case 'organisation': {
      const own = actor.kind === 'proposer' && actor.organisationId === target.object.id;
      switch (target.action) {
        case 'view':
          return own || gate || admin;
        case 'update':
          return own && actor.kind === 'proposer' && actor.organisationAdmin;
        case 'manageMembers':
          // Invitations are mail to strangers: only from an address that has been proved.
          return own && actor.kind === 'proposer' && actor.organisationAdmin && actor.verified;
      }
      return false;
    }
    case 'user': {
      const { object } = target;
      const self = actor.userId === object.id;
      switch (target.action) {
        case 'view':
          return (
            self ||
            admin ||
            (object.kind === 'proposer' &&
              (gate ||
                (actor.kind === 'proposer' && actor.organisationId === object.organisationId)))
          );
        case 'create':
        case 'updateRoles':
          return admin && object.kind === 'staff';
        case 'disable':
          if (self) {
            return false; // nobody locks themselves out
          }
          return (
            (admin && object.kind === 'staff') ||
            (actor.kind === 'proposer' &&
              actor.organisationAdmin &&
              object.kind === 'proposer' &&
              actor.organisationId === object.organisationId)
          );
      }
      return false;
    }
    case 'challenge': {
      const { object } = target;
      const ownDepartment = inDepartment(
        actor,
        ['departmentStaff', 'departmentApprover'],
        object.departmentId,
      );
      switch (target.action) {
        case 'view':
          return gate || ownDepartment;
        case 'create':
          return gate || ownDepartment;
        case 'update':
          return gate || (ownDepartment && ['draft', 'returned'].includes(object.status));
        case 'submit':
          return ownDepartment && ['draft', 'returned'].includes(object.status);
        case 'publish':
          // The gate publishes what a department submitted, or what it wrote itself.
          return (
            gate &&
            (['submitted', 'closed'].includes(object.status) ||
              (object.status === 'draft' && object.draftedByGate === true))
          );
        case 'return':
          // Only what a department submitted goes back to it, with the gate's comment.
          return gate && object.status === 'submitted';
        case 'close':
        case 'share':
          return gate && object.status === 'published';
        case 'archive':
        case 'refer':
          return gate && object.status !== 'archived';
        case 'manageThemeCall':
          return gate && ['draft', 'submitted', 'published'].includes(object.status);
      }
      return false;
    }
    case 'challengeCall': {
      const asked = target.object.departmentIds.some((id) =>
        inDepartment(actor, departmentRoles, id),
      );
      switch (target.action) {
        case 'view':
          return gate || asked;
        case 'create':
        case 'remind':
          return gate;
        case 'respond':
          return asked;
      }
      return false;
    }
    case 'themeQuestion':
      switch (target.action) {
        case 'ask':
          // Any organisation may ask, so that every bidder learns the same answers.
          return actor.kind === 'proposer' && actor.verified && target.object.open;
        case 'answer':
          return gate;
      }
      return false;
    case 'proposal':
      return decideProposal(actor, target.action, target.object);
    case 'case':
      // The partner reads the draft and approves it in its own area; the gate does the rest.
      if (target.action === 'approve') {
        const partner = target.object.organisationId ?? null;
        return actor.kind === 'proposer' && partner !== null && actor.organisationId === partner;
      }
      return gate;
    case 'headquarters':
      switch (target.action) {
        case 'view':
          return gate || has(actor, 'headquartersMember');
        case 'manage':
          // The gate office is the meeting's secretariat.
          return gate;
        case 'decide':
          return has(actor, 'headquartersMember');
      }
      return false;
    case 'fairness':
      // The gate watches fairness; the tenant admin sets the threshold it watches against.
      return target.action === 'view' ? gate || admin : admin;
    case 'partnershipBudget':
      return gate;
    case 'budgetRequest':
      switch (target.action) {
        case 'file':
          // Departments ask and the gate allocates: the gate never asks for itself.
          return inDepartment(actor, departmentRoles, target.object.leadDepartmentId);
        case 'withdraw':
          return target.object.requestedBy === actor.userId;
      }
      return false;
  }
}

function decideProposal(
  actor: Exclude<Actor, { kind: 'visitor' }>,
  action: Action<'proposal'>,
  proposal: PolicyObjects['proposal'],
): boolean {
  if (actor.kind === 'proposer') {
    const own = actor.organisationId === proposal.organisationId;
    switch (action) {
      case 'create':
        return own && actor.verified;
      case 'view':
      case 'viewConfidential':
        return own;
      case 'update':
        return own && editableProposalStates.has(proposal.state);
      case 'submit':
        return own && actor.verified && editableProposalStates.has(proposal.state);
      case 'withdraw':
        return own && withdrawableProposalStates.has(proposal.state);
      case 'message':
        return own && proposal.state !== 'draft';
      default:
        return false;
    }
  }
  // Staff never see a draft: it is the organisation's until submitted.
  if (proposal.state === 'draft') {
    return false;
  }
  const gate = has(actor, 'gateStaff');
  const departmentRole = assignedTo(
    actor,
    ['departmentStaff', 'departmentApprover'],
    proposal.assignedDepartmentIds,
  );
  const lead = proposal.leadDepartmentId === null ? [] : [proposal.leadDepartmentId];
  const approver = assignedTo(actor, ['departmentApprover'], lead);
  const headquarters = has(actor, 'headquartersMember') && proposal.escalated;
  switch (action) {
    case 'view':
    case 'viewConfidential':
      return gate || departmentRole || headquarters;
    case 'screen':
    case 'assign':
      return gate;
    case 'assess':
      return departmentRole;
    case 'decide':
      return approver;
    case 'decideAtHeadquarters':
      return headquarters;
    case 'message':
    case 'writeInternalNote':
    case 'readInternalNotes':
    case 'scheduleMeeting':
      return gate || departmentRole;
    case 'deliver':
      // The implementer's selection, the agreement, the project and its verification are
      // the lead department's work, with the gate beside it.
      return gate || assignedTo(actor, ['departmentStaff', 'departmentApprover'], lead);
    default:
      // Creating, editing, submitting and withdrawing belong to the proposer.
      return false;
  }
}

/**
 * The parts `actor` plays in one proposal's process, for the state machine's "who may move it"
 * (see `checkTransition`). Department parts are those of the lead department only.
 */
export function processRolesOf(actor: Actor, proposal: PolicyObjects['proposal']): ProcessRole[] {
  if (actor.kind === 'visitor' || actor.tenantId !== proposal.tenantId) {
    return [];
  }
  if (actor.kind === 'proposer') {
    return actor.organisationId === proposal.organisationId && actor.verified ? ['proposer'] : [];
  }
  if (proposal.state === 'draft') {
    return [];
  }
  const roles: ProcessRole[] = [];
  const lead = proposal.leadDepartmentId === null ? [] : [proposal.leadDepartmentId];
  if (has(actor, 'gateStaff')) {
    roles.push('gateStaff');
  }
  if (assignedTo(actor, ['departmentStaff', 'departmentApprover'], lead)) {
    roles.push('departmentStaff');
  }
  if (assignedTo(actor, ['departmentApprover'], lead)) {
    roles.push('departmentApprover');
  }
  if (has(actor, 'headquartersMember') && proposal.escalated) {
    roles.push('headquarters');
  }
  return roles;
}
