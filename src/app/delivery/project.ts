import type { Kysely } from 'kysely';
import type { ProposalState } from '../../domain/proposal-state.ts';
import type { Database } from '../../db/schema.ts';
import type { StoredUpload } from '../files/checked-upload.ts';
import type { ProcessActor, ProcessEnv } from '../process/env.ts';
import { insertDeliveryFiles } from './agreement.ts';
import {
  auditDelivery,
  keepingFilesOnlyIfDone,
  lockForDelivery,
  type DeliveryEnv,
  type DeliveryRefusal,
  type DeliveryResult,
} from './common.ts';

/**
 * The project once the agreement is signed: progress notes, indicators with their targets and
 * the actual values per period, and attachments. Recorded while it runs, and still while it
 * is verified (the last period's values often come in then).
 */

export const projectStates: readonly ProposalState[] = ['implementation', 'verification'];

/** The most indicators one project tracks. */
export const MAX_INDICATORS = 20;

export interface IndicatorView {
  id: number;
  name: string;
  unit: string;
  target: number;
  /** Actual values, in the order they were first recorded. */
  actuals: { period: string; value: number; note: string }[];
}

export interface ProjectView {
  notes: { id: number; notedOn: string; body: string; writtenBy: string }[];
  indicators: IndicatorView[];
}

/** Adds a dated progress note. */
export async function addProjectNote(
  env: ProcessEnv,
  by: ProcessActor,
  proposalId: number,
  note: { notedOn: string; body: string },
): Promise<DeliveryResult> {
  return env.db.transaction().execute(async (trx): Promise<DeliveryResult> => {
    const locked = await lockForDelivery(trx, env, by, proposalId, projectStates);
    if (!locked.ok) {
      return locked;
    }
    await trx
      .insertInto('project_note')
      .values({
        tenant_id: env.tenantId,
        proposal_id: proposalId,
        noted_on: note.notedOn,
        body: note.body,
        written_by: by.actor.userId,
        created_at: env.clock.now(),
      })
      .execute();
    await auditDelivery(trx, env, by, locked.proposal, 'delivery.projectUpdated', {
      part: 'note',
    });
    return { ok: true };
  });
}

export type IndicatorResult =
  | { ok: true; added: number }
  | { ok: false; refusal: DeliveryRefusal | 'tooManyIndicators' | 'alreadyTakenOver' };

/**
 * Adds indicators, after those the project already has. With `takeOver`, the proposal's own
 * indicators are taken over only into a project that has none yet, so that the same form sent
 * twice does not list them twice.
 */
export async function addIndicators(
  env: ProcessEnv,
  by: ProcessActor,
  proposalId: number,
  indicators: readonly { name: string; unit: string; target: number }[],
  options: { takeOver?: boolean } = {},
): Promise<IndicatorResult> {
  return env.db.transaction().execute(async (trx): Promise<IndicatorResult> => {
    const locked = await lockForDelivery(trx, env, by, proposalId, projectStates);
    if (!locked.ok) {
      return locked;
    }
    const existing = await trx
      .selectFrom('project_indicator')
      .select(['position'])
      .where('proposal_id', '=', proposalId)
      .orderBy('position', 'desc')
      .execute();
    if (options.takeOver && existing.length > 0) {
      return { ok: false, refusal: 'alreadyTakenOver' };
    }
    if (existing.length + indicators.length > MAX_INDICATORS) {
      return { ok: false, refusal: 'tooManyIndicators' };
    }
    let position = existing[0]?.position ?? 0;
    const now = env.clock.now();
    for (const indicator of indicators) {
      position += 1;
      await trx
        .insertInto('project_indicator')
        .values({
          tenant_id: env.tenantId,
          proposal_id: proposalId,
          position,
          name: indicator.name,
          unit: indicator.unit,
          target: indicator.target,
          created_at: now,
        })
        .execute();
    }
    await auditDelivery(trx, env, by, locked.proposal, 'delivery.projectUpdated', {
      part: 'indicators',
      added: indicators.length,
    });
    return { ok: true, added: indicators.length };
  });
}

/** A target as the proposer wrote it, as a number: "1,200", "２０" and "20%" all read. */
export function numericTarget(text: string): number | null {
  const plain = text.normalize('NFKC').replace(/[,\s]/g, '').replace(/%$/, '');
  return /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : null;
}

/**
 * The proposal's own indicators, as the project's first ones: those whose target reads as a
 * number. Returns those taken and the names of those that could not be.
 */
export async function proposalIndicators(db: Kysely<Database>, proposalId: number) {
  const rows = await db
    .selectFrom('proposal_indicator')
    .select(['name', 'target', 'unit'])
    .where('proposal_id', '=', proposalId)
    .orderBy('position')
    .execute();
  const taken: { name: string; unit: string; target: number }[] = [];
  const skipped: string[] = [];
  for (const row of rows) {
    const target = numericTarget(row.target);
    if (target === null) {
      skipped.push(row.name);
    } else {
      taken.push({ name: row.name, unit: row.unit, target });
    }
  }
  return { taken, skipped };
}

export type ActualResult =
  { ok: true; replaced: boolean } | { ok: false; refusal: DeliveryRefusal | 'unknownIndicator' };

/**
 * Records the actual value of an indicator for a period; the same period entered again
 * replaces its value, so each indicator has one value per period.
 */
export async function recordActual(
  env: ProcessEnv,
  by: ProcessActor,
  proposalId: number,
  actual: { indicatorId: number; period: string; value: number; note: string },
): Promise<ActualResult> {
  return env.db.transaction().execute(async (trx): Promise<ActualResult> => {
    const locked = await lockForDelivery(trx, env, by, proposalId, projectStates);
    if (!locked.ok) {
      return locked;
    }
    const indicator = await trx
      .selectFrom('project_indicator')
      .select('id')
      .where('id', '=', actual.indicatorId)
      .where('proposal_id', '=', proposalId)
      .executeTakeFirst();
    if (!indicator) {
      return { ok: false, refusal: 'unknownIndicator' };
    }
    const before = await trx
      .selectFrom('indicator_actual')
      .select('id')
      .where('indicator_id', '=', indicator.id)
      .where('period', '=', actual.period)
      .executeTakeFirst();
    const now = env.clock.now();
    const values = {
      value: actual.value,
      note: actual.note,
      recorded_by: by.actor.userId,
      recorded_at: now,
    };
    // The proposal's lock orders every change to its indicators, so the row read above is
    // still the one to replace.
    if (before) {
      await trx.updateTable('indicator_actual').set(values).where('id', '=', before.id).execute();
    } else {
      await trx
        .insertInto('indicator_actual')
        .values({
          tenant_id: env.tenantId,
          indicator_id: indicator.id,
          period: actual.period,
          ...values,
        })
        .execute();
    }
    await auditDelivery(trx, env, by, locked.proposal, 'delivery.projectUpdated', {
      part: 'actual',
      indicatorId: indicator.id,
      period: actual.period,
      replaced: before !== undefined,
    });
    return { ok: true, replaced: before !== undefined };
  });
}

/** Attaches files to the project. */
export async function addProjectFiles(
  env: DeliveryEnv,
  by: ProcessActor,
  proposalId: number,
  files: readonly StoredUpload[],
): Promise<DeliveryResult> {
  return keepingFilesOnlyIfDone(
    env.store,
    files.map((file) => file.key),
    () =>
      env.db.transaction().execute(async (trx): Promise<DeliveryResult> => {
        const locked = await lockForDelivery(trx, env, by, proposalId, projectStates);
        if (!locked.ok) {
          return locked;
        }
        await insertDeliveryFiles(trx, env, by, proposalId, 'project', files);
        await auditDelivery(trx, env, by, locked.proposal, 'delivery.projectUpdated', {
          part: 'files',
          files: files.length,
        });
        return { ok: true };
      }),
  );
}

/** The project's notes (newest first) and indicators with their actual values. */
export async function projectOf(
  db: Kysely<Database>,
  tenantId: number,
  proposalId: number,
): Promise<ProjectView> {
  const [notes, indicators] = await Promise.all([
    db
      .selectFrom('project_note as n')
      .innerJoin('user_account as u', 'u.id', 'n.written_by')
      .select(['n.id', 'n.noted_on', 'n.body', 'u.name'])
      .where('n.tenant_id', '=', tenantId)
      .where('n.proposal_id', '=', proposalId)
      .orderBy('n.noted_on', 'desc')
      .orderBy('n.id', 'desc')
      .execute(),
    db
      .selectFrom('project_indicator')
      .select(['id', 'name', 'unit', 'target'])
      .where('tenant_id', '=', tenantId)
      .where('proposal_id', '=', proposalId)
      .orderBy('position')
      .execute(),
  ]);
  const actuals =
    indicators.length === 0
      ? []
      : await db
          .selectFrom('indicator_actual')
          .select(['indicator_id', 'period', 'value', 'note'])
          .where(
            'indicator_id',
            'in',
            indicators.map((i) => i.id),
          )
          .orderBy('id')
          .execute();
  return {
    notes: notes.map((n) => ({ id: n.id, notedOn: n.noted_on, body: n.body, writtenBy: n.name })),
    indicators: indicators.map((indicator) => ({
      id: indicator.id,
      name: indicator.name,
      unit: indicator.unit,
      target: Number(indicator.target),
      actuals: actuals
        .filter((a) => a.indicator_id === indicator.id)
        .map((a) => ({ period: a.period, value: Number(a.value), note: a.note })),
    })),
  };
}
