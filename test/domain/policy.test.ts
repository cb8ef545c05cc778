import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  actions,
  can,
  staffRoles,
  type Action,
  type Actor,
  type ObjectKind,
  type PolicyObjects,
  type StaffRole,
} from '../../src/domain/policy.ts';
import { nextStates, proposalStates, transitions } from '../../src/domain/proposal-state.ts';

const tenant = 1;
const otherTenant = 2;
const organisationA = 101;
const organisationB = 102;

const roleNames = [
  'visitor',
  'proposer',
  'unverifiedProposer',
  'organisationAdmin',
  'otherOrganisationProposer',
  'gateStaff',
  'departmentStaff10',
  'departmentApprover10',
  'departmentStaff20',
  'headquartersMember',
  'tenantAdmin',
] as const;
type RoleName = (typeof roleNames)[number];

function proposer(
  userId: number,
  organisationId: number,
  options: { organisationAdmin?: boolean; verified?: boolean } = {},
): Actor {
  return {
    kind: 'proposer',
    userId,
    tenantId: tenant,
    organisationId,
    organisationAdmin: options.organisationAdmin ?? false,
    verified: options.verified ?? true,
  };
}

function staff(userId: number, role: StaffRole, departmentId: number | null = null): Actor {
  return { kind: 'staff', userId, tenantId: tenant, roles: [{ role, departmentId }] };
}

/** Everyone the policy is asked about, all in tenant 1. */
const actors: Record<RoleName, Actor> = {
  visitor: { kind: 'visitor' },
  proposer: proposer(1, organisationA),
  unverifiedProposer: proposer(2, organisationA, { verified: false }),
  organisationAdmin: proposer(3, organisationA, { organisationAdmin: true }),
  otherOrganisationProposer: proposer(4, organisationB),
  gateStaff: staff(11, 'gateStaff'),
  departmentStaff10: staff(12, 'departmentStaff', 10),
  departmentApprover10: staff(13, 'departmentApprover', 10),
  departmentStaff20: staff(14, 'departmentStaff', 20),
  headquartersMember: staff(15, 'headquartersMember'),
  tenantAdmin: staff(16, 'tenantAdmin'),
};

const signedIn = roleNames.filter((name) => name !== 'visitor');
const staffNames = roleNames.filter((name) => actors[name].kind === 'staff');
const organisationAMembers: RoleName[] = ['proposer', 'unverifiedProposer', 'organisationAdmin'];
const verifiedOrganisationAMembers: RoleName[] = ['proposer', 'organisationAdmin'];
const department10: RoleName[] = ['departmentStaff10', 'departmentApprover10'];

/** One representative object of each kind, in tenant 1 and within someone's reach. */
const objects: { [K in ObjectKind]: PolicyObjects[K] } = {
  staffArea: { tenantId: tenant },
  adminArea: { tenantId: tenant },
  organisation: { tenantId: tenant, id: organisationA },
  // Another staff member's account: what the tenant administration manages.
  user: { tenantId: tenant, id: 99, kind: 'staff', organisationId: null },
  department: { tenantId: tenant, id: 10 },
  auditLog: { tenantId: tenant },
  challenge: { tenantId: tenant, departmentId: 10, status: 'draft' },
  proposal: {
    tenantId: tenant,
    organisationId: organisationA,
    state: 'review',
    assignedDepartmentIds: [10],
    leadDepartmentId: 10,
    escalated: false,
  },
  case: { tenantId: tenant, published: false, organisationId: organisationA },
  challengeCall: { tenantId: tenant, departmentIds: [10] },
  themeQuestion: { tenantId: tenant, open: true },
  headquarters: { tenantId: tenant },
  fairness: { tenantId: tenant },
  partnershipBudget: { tenantId: tenant },
  budgetRequest: { tenantId: tenant, leadDepartmentId: 10, requestedBy: 12 },
};

type Expectations = { [K in ObjectKind]: Record<Action<K>, readonly RoleName[]> };

/** Who may do what to the representative objects above; everyone not listed is refused. */
const expected: Expectations = {
  staffArea: {
    enter: staffNames,
  },
  adminArea: {
    enter: ['tenantAdmin'],
  },
  organisation: {
    // An organisation is its own business; the gate and the administration look it up.
    view: [...organisationAMembers, 'gateStaff', 'tenantAdmin'],
    update: ['organisationAdmin'],
    manageMembers: ['organisationAdmin'],
  },
  user: {
    view: ['tenantAdmin'],
    create: ['tenantAdmin'],
    updateRoles: ['tenantAdmin'],
    disable: ['tenantAdmin'],
  },
  department: {
    view: staffNames,
    create: ['tenantAdmin'],
    update: ['tenantAdmin'],
    archive: ['tenantAdmin'],
  },
  auditLog: {
    view: ['tenantAdmin'],
  },
  challenge: {
    // A draft is the department's, and the gate's as the window that opens challenges; other
    // departments and the headquarters do not see it.
    view: ['gateStaff', ...department10],
    create: ['gateStaff', ...department10],
    update: ['gateStaff', ...department10],
    submit: department10,
    // A department's draft is its own until it submits it (see the focused cases for the
    // gate's own drafts).
    publish: [],
    // A draft was never submitted, so there is nothing to return, close or share yet.
    return: [],
    close: [],
    archive: ['gateStaff'],
    manageThemeCall: ['gateStaff'],
    refer: ['gateStaff'],
    share: [],
  },
  proposal: {
    create: verifiedOrganisationAMembers,
    view: [...organisationAMembers, 'gateStaff', ...department10],
    viewConfidential: [...organisationAMembers, 'gateStaff', ...department10],
    // In review the text is no longer the organisation's to edit or submit.
    update: [],
    submit: [],
    withdraw: organisationAMembers,
    screen: ['gateStaff'],
    assign: ['gateStaff'],
    assess: department10,
    decide: ['departmentApprover10'],
    // Not escalated, so the headquarters neither sees nor decides it.
    decideAtHeadquarters: [],
    message: [...organisationAMembers, 'gateStaff', ...department10],
    writeInternalNote: ['gateStaff', ...department10],
    // Internal notes are the city's own: never the proposer's.
    readInternalNotes: ['gateStaff', ...department10],
    scheduleMeeting: ['gateStaff', ...department10],
    // Delivery is the lead department's (10 here) and the gate's.
    deliver: ['gateStaff', ...department10],
  },
  case: {
    // Unpublished: only the gate, which writes and publishes cases.
    view: ['gateStaff'],
    create: ['gateStaff'],
    update: ['gateStaff'],
    publish: ['gateStaff'],
    // The partner organisation's members, and nobody else, answer for the partner.
    approve: organisationAMembers,
  },
  challengeCall: {
    // Asked departments see the call and answer it; others never hear of it.
    view: ['gateStaff', ...department10],
    create: ['gateStaff'],
    remind: ['gateStaff'],
    respond: department10,
  },
  themeQuestion: {
    // Any verified proposer, of any organisation, may ask while questions are taken.
    ask: [...verifiedOrganisationAMembers, 'otherOrganisationProposer'],
    answer: ['gateStaff'],
  },
  headquarters: {
    // The gate office is the secretariat; the members decide.
    view: ['gateStaff', 'headquartersMember'],
    manage: ['gateStaff'],
    decide: ['headquartersMember'],
  },
  fairness: {
    view: ['gateStaff', 'tenantAdmin'],
    configure: ['tenantAdmin'],
  },
  partnershipBudget: {
    view: ['gateStaff'],
    manage: ['gateStaff'],
  },
  budgetRequest: {
    // The lead department's people ask (the gate allocates); only the one who asked withdraws.
    file: [...department10],
    withdraw: ['departmentStaff10'],
  },
};

const kinds = Object.keys(actions) as ObjectKind[];

function actionsOf(kind: ObjectKind): readonly string[] {
  return actions[kind];
}

/** `can` for a kind and action known only at run time. */
function allows(actor: Actor, kind: ObjectKind, action: string, object: object): boolean {
  return can(actor, kind, action as Action<ObjectKind>, object as PolicyObjects[ObjectKind]);
}

function allowed(kind: ObjectKind, action: string, object: object): RoleName[] {
  return roleNames.filter((name) => allows(actors[name], kind, action, object));
}

function sorted(names: readonly RoleName[]): RoleName[] {
  return [...new Set(names)].sort();
}

function expectedFor(kind: ObjectKind, action: string): readonly RoleName[] | undefined {
  return (expected[kind] as Record<string, readonly RoleName[]>)[action];
}

describe('access policy: every role, action and kind of object', () => {
  it('has a representative object and expectations for every kind of object', () => {
    assert.deepEqual(Object.keys(objects).sort(), [...kinds].sort());
    assert.deepEqual(Object.keys(expected).sort(), [...kinds].sort());
  });

  it('lists expectations for exactly the actions of each kind', () => {
    for (const kind of kinds) {
      assert.deepEqual(
        Object.keys(expected[kind]).sort(),
        [...actionsOf(kind)].sort(),
        `actions of ${kind}`,
      );
    }
  });

  it('covers every staff role with at least one actor', () => {
    const held = new Set(
      Object.values(actors).flatMap((actor) =>
        actor.kind === 'staff' ? actor.roles.map((grant) => grant.role) : [],
      ),
    );
    assert.deepEqual([...held].sort(), [...staffRoles].sort());
  });

  for (const kind of kinds) {
    for (const action of actionsOf(kind)) {
      it(`allows ${kind}.${action} to exactly the expected roles`, () => {
        const roles = expectedFor(kind, action);
        assert.ok(roles, `no expectation for ${kind}.${action}`);
        assert.deepEqual(sorted(allowed(kind, action, objects[kind])), sorted(roles));
      });
    }
  }
});

describe('access policy: focused cases', () => {
  const proposalIn = (
    state: PolicyObjects['proposal']['state'],
    changes: Partial<PolicyObjects['proposal']> = {},
  ): PolicyObjects['proposal'] => ({ ...objects.proposal, state, ...changes });

  const challengeStatuses: PolicyObjects['challenge']['status'][] = [
    'draft',
    'submitted',
    'returned',
    'published',
    'closed',
    'archived',
  ];

  /** Several objects of each kind, every one in tenant 1. */
  const variants: { [K in ObjectKind]: PolicyObjects[K][] } = {
    staffArea: [objects.staffArea],
    adminArea: [objects.adminArea],
    organisation: [objects.organisation, { tenantId: tenant, id: organisationB }],
    user: [
      objects.user,
      { tenantId: tenant, id: 98, kind: 'proposer', organisationId: organisationA },
    ],
    department: [objects.department, { tenantId: tenant, id: 20 }],
    auditLog: [objects.auditLog],
    challenge: challengeStatuses.map((status) => ({ ...objects.challenge, status })),
    proposal: proposalStates.map((state) =>
      proposalIn(state, { assignedDepartmentIds: [10, 20], leadDepartmentId: 10, escalated: true }),
    ),
    case: [objects.case, { tenantId: tenant, published: true, organisationId: null }],
    challengeCall: [objects.challengeCall, { tenantId: tenant, departmentIds: [] }],
    themeQuestion: [objects.themeQuestion, { tenantId: tenant, open: false }],
    headquarters: [objects.headquarters],
    fairness: [objects.fairness],
    partnershipBudget: [objects.partnershipBudget],
    budgetRequest: [
      objects.budgetRequest,
      { tenantId: tenant, leadDepartmentId: null, requestedBy: null },
    ],
  };

  function isPublic(kind: ObjectKind, action: string, object: object): boolean {
    if (action !== 'view') {
      return false;
    }
    if (kind === 'challenge') {
      const { status } = object as PolicyObjects['challenge'];
      return status === 'published' || status === 'closed';
    }
    return kind === 'case' && (object as PolicyObjects['case']).published;
  }

  it('lets the gate publish its own draft, not a department’s before it is submitted', () => {
    const gateStaff = actors.gateStaff;
    const draft = { tenantId: tenant, departmentId: 10, status: 'draft' as const };
    assert.equal(can(gateStaff, 'challenge', 'publish', draft), false);
    assert.equal(can(gateStaff, 'challenge', 'publish', { ...draft, draftedByGate: true }), true);
    assert.equal(can(gateStaff, 'challenge', 'publish', { ...draft, status: 'submitted' }), true);
  });

  it('refuses an actor of another tenant everything but published challenges and cases', () => {
    let publicSeen = 0;
    for (const name of signedIn) {
      const actor = { ...actors[name], tenantId: otherTenant } as Actor;
      for (const kind of kinds) {
        for (const action of actionsOf(kind)) {
          for (const object of variants[kind]) {
            const answer = allows(actor, kind, action, object);
            const expectedAnswer = isPublic(kind, action, object);
            assert.equal(
              answer,
              expectedAnswer,
              `${name} of tenant 2: ${kind}.${action} on ${JSON.stringify(object)}`,
            );
            publicSeen += answer ? 1 : 0;
          }
        }
      }
    }
    // Open and closed challenges and the published case, for each of the ten actors.
    assert.equal(publicSeen, 3 * signedIn.length);
  });

  it('shows a visitor only published challenges and cases', () => {
    for (const kind of kinds) {
      for (const action of actionsOf(kind)) {
        for (const object of variants[kind]) {
          assert.equal(
            allows(actors.visitor, kind, action, object),
            isPublic(kind, action, object),
            `visitor: ${kind}.${action} on ${JSON.stringify(object)}`,
          );
        }
      }
    }
  });

  it('hides a draft proposal from every staff role, even when assigned and escalated', () => {
    const draft = proposalIn('draft', { assignedDepartmentIds: [10, 20], escalated: true });
    const everyRole: Actor = {
      kind: 'staff',
      userId: 50,
      tenantId: tenant,
      roles: [
        { role: 'gateStaff', departmentId: null },
        { role: 'departmentStaff', departmentId: 10 },
        { role: 'departmentApprover', departmentId: 20 },
        { role: 'headquartersMember', departmentId: null },
        { role: 'tenantAdmin', departmentId: null },
      ],
    };
    for (const name of staffNames) {
      for (const action of actions.proposal) {
        assert.equal(can(actors[name], 'proposal', action, draft), false, `${name}: ${action}`);
      }
    }
    for (const action of actions.proposal) {
      assert.equal(can(everyRole, 'proposal', action, draft), false, `every role: ${action}`);
    }
    // It is the organisation's own until submitted.
    assert.deepEqual(sorted(allowed('proposal', 'view', draft)), sorted(organisationAMembers));
    assert.deepEqual(sorted(allowed('proposal', 'update', draft)), sorted(organisationAMembers));
    assert.deepEqual(
      sorted(allowed('proposal', 'submit', draft)),
      sorted(verifiedOrganisationAMembers),
    );
    assert.deepEqual(allowed('proposal', 'message', draft), []);
  });

  it('shows a proposal to a department only once assigned to it, lead or supporting', () => {
    const unassigned = proposalIn('submitted', { assignedDepartmentIds: [] });
    const supporting = proposalIn('review', { assignedDepartmentIds: [20, 10] });
    for (const name of department10) {
      assert.equal(can(actors[name], 'proposal', 'view', unassigned), false, name);
      assert.equal(can(actors[name], 'proposal', 'view', supporting), true, name);
      assert.equal(can(actors[name], 'proposal', 'assess', supporting), true, name);
    }
    assert.equal(can(actors.gateStaff, 'proposal', 'view', unassigned), true);
    assert.equal(can(actors.gateStaff, 'proposal', 'assign', unassigned), true);
  });

  it('lets the headquarters see and decide a proposal once escalated, and only then', () => {
    const notEscalated = proposalIn('decision');
    const escalated = proposalIn('escalated', { escalated: true });
    const hq = actors.headquartersMember;
    for (const action of ['view', 'viewConfidential', 'decideAtHeadquarters'] as const) {
      assert.equal(can(hq, 'proposal', action, notEscalated), false, action);
      assert.equal(can(hq, 'proposal', action, escalated), true, action);
    }
    assert.deepEqual(allowed('proposal', 'decideAtHeadquarters', escalated), [
      'headquartersMember',
    ]);
    for (const action of ['assess', 'decide', 'screen', 'assign'] as const) {
      assert.equal(can(hq, 'proposal', action, escalated), false, action);
    }
    assert.deepEqual(
      sorted(allowed('proposal', 'view', escalated)),
      sorted([...organisationAMembers, 'gateStaff', ...department10, 'headquartersMember']),
    );
  });

  it('lets the proposer withdraw a proposal in review but not one in agreement', () => {
    const member = actors.proposer;
    assert.equal(can(member, 'proposal', 'withdraw', proposalIn('review')), true);
    assert.equal(can(member, 'proposal', 'withdraw', proposalIn('agreement')), false);
    assert.equal(
      can(actors.otherOrganisationProposer, 'proposal', 'withdraw', proposalIn('review')),
      false,
    );
  });

  it('agrees with the proposal process on when the proposer may withdraw and submit', () => {
    for (const state of proposalStates) {
      const proposal = proposalIn(state);
      assert.equal(
        can(actors.proposer, 'proposal', 'withdraw', proposal),
        nextStates(state).includes('withdrawn'),
        `withdraw in ${state}`,
      );
      const bySubmission = transitions.some(
        (t) => t.from === state && t.to === 'submitted' && t.by.includes('proposer'),
      );
      assert.equal(
        can(actors.proposer, 'proposal', 'submit', proposal),
        bySubmission,
        `submit in ${state}`,
      );
    }
  });

  it('lets an unverified proposer neither create nor submit', () => {
    const unverified = actors.unverifiedProposer;
    for (const state of ['draft', 'infoRequested'] as const) {
      const proposal = proposalIn(state);
      assert.equal(can(unverified, 'proposal', 'create', proposal), false, `create in ${state}`);
      assert.equal(can(unverified, 'proposal', 'submit', proposal), false, `submit in ${state}`);
      // The same member, once verified, may.
      assert.equal(can(actors.proposer, 'proposal', 'create', proposal), true);
      assert.equal(can(actors.proposer, 'proposal', 'submit', proposal), true);
    }
  });

  it('lets an organisation admin, not the tenant admin, manage its proposer accounts', () => {
    const member = variants.user[1]!;
    assert.equal(member.kind, 'proposer');
    assert.deepEqual(
      sorted(allowed('user', 'view', member)),
      sorted([...organisationAMembers, 'gateStaff', 'tenantAdmin']),
    );
    assert.deepEqual(allowed('user', 'create', member), []);
    assert.deepEqual(allowed('user', 'updateRoles', member), []);
    assert.deepEqual(allowed('user', 'disable', member), ['organisationAdmin']);
  });

  it('lets nobody disable themselves', () => {
    for (const name of signedIn) {
      const actor = actors[name];
      if (actor.kind === 'visitor') {
        assert.fail(`${name} is not signed in`);
      }
      const own: PolicyObjects['user'] = {
        tenantId: tenant,
        id: actor.userId,
        kind: actor.kind,
        organisationId: actor.kind === 'proposer' ? actor.organisationId : null,
      };
      assert.equal(can(actor, 'user', 'disable', own), false, name);
      assert.equal(can(actor, 'user', 'view', own), true, `${name} sees their own account`);
    }
    // The same accounts are otherwise theirs to disable.
    assert.equal(can(actors.organisationAdmin, 'user', 'disable', variants.user[1]!), true);
    assert.equal(can(actors.tenantAdmin, 'user', 'disable', objects.user), true);
  });
});
