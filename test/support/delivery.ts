import assert from 'node:assert/strict';
import type { ProcessActor } from '../../src/app/process/env.ts';
import { moveProposal } from '../../src/app/process/move.ts';
import {
  authorOf,
  escalatedProposal,
  processCast,
  processEnv,
  processStaff,
  type ProcessCast,
} from './headquarters.ts';
import type { TestGate } from './server.ts';

export { authorOf, processEnv };

/** The people of the delivery stage: the gate, and a department's staff member and approver. */
export interface DeliveryCast extends ProcessCast {
  departmentStaff: ProcessActor;
}

export async function deliveryCast(gate: TestGate, prefix: string): Promise<DeliveryCast> {
  const cast = await processCast(gate, prefix);
  const departmentStaff = await processStaff(gate, `${prefix}-staff@city.example.jp`, [
    { role: 'departmentStaff', departmentId: cast.departmentId },
  ]);
  return { ...cast, departmentStaff };
}

/**
 * A proposal adopted by its department (screened, referred, talked through, assessed and
 * adopted with a reason); with `selection`, also moved on to the choice of its implementer.
 * Its `approach` section is confidential, the others disclosable (see headquarters.ts).
 */
export async function adoptedProposal(
  gate: TestGate,
  cast: DeliveryCast,
  author: Awaited<ReturnType<typeof authorOf>>,
  title: string,
  options: { selection?: boolean } = {},
): Promise<number> {
  const id = await escalatedProposal(gate, cast, author, title, { until: 'decision' });
  const env = processEnv(gate);
  const adopted = await moveProposal(
    env,
    cast.approver,
    id,
    'adopted',
    '市の課題の解決に役立つため',
  );
  assert.ok(adopted.ok, JSON.stringify(adopted));
  if (options.selection) {
    const moved = await moveProposal(env, cast.departmentStaff, id, 'selection', '');
    assert.ok(moved.ok, JSON.stringify(moved));
  }
  return id;
}
