import type { ProcessCast } from './headquarters.ts';
import type { TestGate } from './server.ts';

/**
 * Records, straight into the tables, that `organisationId` implements a proposal under an
 * agreement from 2026-04-01 to `endsOn` (null: open-ended), exclusive in time: what the
 * selection and agreement steps would leave behind.
 */
export async function exclusiveArrangement(
  gate: TestGate,
  cast: ProcessCast,
  proposalId: number,
  organisationId: number,
  endsOn: string | null,
): Promise<void> {
  const db = gate.database.db;
  const tenantId = gate.app.gate.tenant().id;
  const now = gate.clock.now();
  await db
    .insertInto('selection_record')
    .values({
      tenant_id: tenantId,
      proposal_id: proposalId,
      burden: JSON.stringify({ kind: 'none' }),
      exclusivity_time: 'high',
      exclusive_months: null,
      exclusivity_time_note: '',
      exclusivity_space: 'low',
      exclusivity_space_note: '',
      originality: JSON.stringify({}),
      recommended_method: 'openCall',
      recommended_reasons: JSON.stringify([]),
      method: 'directSelection',
      staff_reason: '独自の技術があるため',
      implementer_organisation_id: organisationId,
      implementer_name: '',
      budget_year: null,
      procedure: '',
      procedure_result: '',
      theme_call_id: null,
      recorded_by: cast.gateStaff.actor.userId,
      recorded_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('agreement')
    .values({
      tenant_id: tenantId,
      proposal_id: proposalId,
      kind: 'agreement',
      title: '連携協定',
      city_roles: '場所の提供',
      partner_roles: '運営',
      signed_on: '2026-04-01',
      starts_on: '2026-04-01',
      ends_on: endsOn,
      recorded_by: cast.gateStaff.actor.userId,
      recorded_at: now,
      updated_at: now,
    })
    .execute();
}
