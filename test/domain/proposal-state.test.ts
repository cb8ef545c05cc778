import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkTransition,
  finalStates,
  nextStates,
  proposalStates,
  stageOf,
  transitions,
  type ProcessRole,
  type ProposalState,
  type TransitionFacts,
} from '../../src/domain/proposal-state.ts';

describe('proposal states', () => {
  it('ends only in not accepted, not adopted, completed or withdrawn', () => {
    assert.deepEqual([...finalStates].sort(), [
      'completed',
      'notAccepted',
      'notAdopted',
      'withdrawn',
    ]);
  });

  it('lets the proposer withdraw before an agreement but not after', () => {
    assert.ok(nextStates('dialogue').includes('withdrawn'));
    assert.ok(nextStates('selection').includes('withdrawn'));
    assert.ok(!nextStates('agreement').includes('withdrawn'));
    assert.ok(!nextStates('implementation').includes('withdrawn'));
  });

  it('lets the approver send a decision to adoption, rejection or the headquarters meeting', () => {
    const byApprover = transitions
      .filter((t) => t.from === 'decision' && t.by.includes('departmentApprover'))
      .map((t) => t.to);
    assert.deepEqual(byApprover.sort(), ['adopted', 'escalated', 'notAdopted']);
  });

  it('reaches every state from a draft', () => {
    const seen = new Set(['draft']);
    const queue = ['draft'] as (typeof proposalStates)[number][];
    while (queue.length > 0) {
      for (const next of nextStates(queue.shift()!)) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    assert.deepEqual([...seen].sort(), [...proposalStates].sort());
  });

  it('puts verification in the review stage', () => {
    assert.equal(stageOf.verification, 'review');
    assert.ok(transitions.every((t) => t.by.length > 0));
  });
});

const everyRole: readonly ProcessRole[] = [
  'proposer',
  'gateStaff',
  'departmentStaff',
  'departmentApprover',
  'headquarters',
  'system',
];

/** Facts under which every guard holds, so only the move and the role decide. */
const allGuardsMet: TransitionFacts = {
  reason: '理由',
  leadDepartmentId: 7,
  leadAssessed: true,
  onAgenda: true,
  implementerChosen: true,
  openCallPending: false,
  agreementSigned: true,
  verified: true,
};

/** The moves of the guideline's process, written out once more by hand as the expectation. */
const expected: Record<string, readonly ProcessRole[]> = {
  'draft>submitted': ['proposer'],
  'submitted>screening': ['system', 'gateStaff'],
  'screening>infoRequested': ['gateStaff'],
  'screening>notAccepted': ['gateStaff'],
  'screening>referred': ['gateStaff'],
  'screening>review': ['gateStaff'],
  'infoRequested>submitted': ['proposer'],
  'referred>review': ['departmentStaff', 'gateStaff'],
  'review>dialogue': ['gateStaff', 'departmentStaff'],
  'dialogue>decision': ['departmentStaff'],
  'decision>adopted': ['departmentApprover'],
  'decision>notAdopted': ['departmentApprover'],
  'decision>escalated': ['departmentApprover'],
  'escalated>adopted': ['headquarters'],
  'escalated>notAdopted': ['headquarters'],
  'adopted>selection': ['departmentStaff'],
  'selection>agreement': ['departmentStaff', 'gateStaff'],
  'agreement>implementation': ['departmentStaff'],
  'implementation>verification': ['departmentStaff'],
  'verification>completed': ['departmentStaff', 'gateStaff'],
  ...Object.fromEntries(
    [
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
    ].map((from) => [`${from}>withdrawn`, ['proposer'] as const]),
  ),
};

describe('proposal transitions: every pair of states, for every role', () => {
  for (const from of proposalStates) {
    for (const to of proposalStates) {
      const allowed = expected[`${from}>${to}`];
      it(`${from} → ${to}: ${allowed ? allowed.join(', ') : 'refused for everyone'}`, () => {
        for (const role of everyRole) {
          const check = checkTransition(from, to, [role], allGuardsMet);
          if (!allowed) {
            assert.deepEqual(check, { ok: false, refusal: 'illegal' });
          } else if (allowed.includes(role)) {
            assert.deepEqual(check, { ok: true }, role);
          } else {
            assert.deepEqual(check, { ok: false, refusal: 'notPermitted' }, role);
          }
        }
      });
    }
  }
});

describe('proposal transitions: guards', () => {
  const facts = (changes: Partial<TransitionFacts>) => ({ ...allGuardsMet, ...changes });

  it('needs a reason for every refusal, decision, request for information and withdrawal', () => {
    const needing: [ProposalState, ProposalState, ProcessRole][] = [
      ['screening', 'infoRequested', 'gateStaff'],
      ['screening', 'notAccepted', 'gateStaff'],
      ['decision', 'adopted', 'departmentApprover'],
      ['decision', 'notAdopted', 'departmentApprover'],
      ['decision', 'escalated', 'departmentApprover'],
      ['escalated', 'adopted', 'headquarters'],
      ['escalated', 'notAdopted', 'headquarters'],
      ['review', 'withdrawn', 'proposer'],
    ];
    for (const [from, to, role] of needing) {
      assert.deepEqual(checkTransition(from, to, [role], facts({ reason: ' \n ' })), {
        ok: false,
        refusal: 'reasonRequired',
      });
    }
    // Accepting for review or starting the screening needs no reason.
    assert.deepEqual(checkTransition('screening', 'review', ['gateStaff'], facts({ reason: '' })), {
      ok: true,
    });
  });

  it('refers and starts the dialogue only with a lead department', () => {
    const noLead = facts({ leadDepartmentId: null });
    for (const [from, to] of [
      ['screening', 'referred'],
      ['review', 'dialogue'],
    ] as const) {
      assert.deepEqual(checkTransition(from, to, ['gateStaff'], noLead), {
        ok: false,
        refusal: 'leadRequired',
      });
    }
  });

  it('asks for a decision only after the lead department assessed', () => {
    assert.deepEqual(
      checkTransition('dialogue', 'decision', ['departmentStaff'], facts({ leadAssessed: false })),
      { ok: false, refusal: 'assessmentRequired' },
    );
  });

  it('lets the headquarters decide only what is on a meeting’s agenda', () => {
    assert.deepEqual(
      checkTransition('escalated', 'adopted', ['headquarters'], facts({ onAgenda: false })),
      { ok: false, refusal: 'agendaRequired' },
    );
  });

  it('signs an agreement only with a chosen implementer, implements only once it is signed', () => {
    assert.deepEqual(
      checkTransition(
        'selection',
        'agreement',
        ['departmentStaff'],
        facts({ implementerChosen: false }),
      ),
      { ok: false, refusal: 'selectionRequired' },
    );
    assert.deepEqual(
      checkTransition(
        'selection',
        'agreement',
        ['departmentStaff'],
        facts({ openCallPending: true }),
      ),
      { ok: false, refusal: 'openCallPending' },
    );
    assert.deepEqual(
      checkTransition(
        'agreement',
        'implementation',
        ['departmentStaff'],
        facts({ agreementSigned: false }),
      ),
      { ok: false, refusal: 'agreementRequired' },
    );
  });

  it('completes a project only once it is verified', () => {
    for (const role of ['gateStaff', 'departmentStaff'] as const) {
      assert.deepEqual(
        checkTransition('verification', 'completed', [role], facts({ verified: false })),
        { ok: false, refusal: 'verificationRequired' },
      );
    }
  });
});
