import type { DeliveryRecords } from '../../../app/delivery/records.ts';
import type { Burden } from '../../../domain/implementer-selection.ts';
import type { ProposalState } from '../../../domain/proposal-state.ts';
import type { FormState } from '../../forms.ts';

/** What the delivery section of the work page is drawn from. */

export type DeliveryFormName =
  | 'selection'
  | 'openCall'
  | 'agreement'
  | 'note'
  | 'indicator'
  | 'actual'
  | 'projectFiles'
  | 'verification';

/** The delivery form a page shows again with its problems. */
export interface DeliveryForm {
  name: DeliveryFormName;
  state: FormState;
}

export interface DeliverySectionData {
  proposalId: number;
  state: ProposalState;
  records: DeliveryRecords;
  /** This person may record the delivery. */
  mayRecord: boolean;
  /** The moves this person may make now. */
  moves: ProposalState[];
  proposerName: string;
  cityName: string;
  /** The proposal's own burden estimate, to start the selection record from. */
  proposalBurden: Burden;
  /** The proposal has indicators of its own to take over. */
  proposalHasIndicators: boolean;
  maxFiles: number;
  form?: DeliveryForm | undefined;
}

/** The state of a form: as it came back with problems, or `values` to start from. */
export function formFor(
  data: DeliverySectionData,
  name: DeliveryFormName,
  values: Record<string, string>,
) {
  return data.form?.name === name ? data.form.state : { values, errors: {} };
}
