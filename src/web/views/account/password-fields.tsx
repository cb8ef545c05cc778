import type { FormState } from '../../forms.ts';
import type { PageContext } from '../context.ts';
import { TextField } from '../forms.tsx';

/** A new password and its confirmation, with the rules in the hint. */
export function NewPasswordFields(props: { ctx: PageContext; state: FormState; label?: string }) {
  const { ctx, state } = props;
  const a = ctx.t.account;
  return (
    <>
      <TextField
        ctx={ctx}
        state={state}
        name="password"
        label={props.label ?? a.newPassword}
        hint={a.passwordHint}
        type="password"
        required
        autocomplete="new-password"
      />
      <TextField
        ctx={ctx}
        state={state}
        name="passwordConfirm"
        label={a.passwordConfirm}
        type="password"
        required
        autocomplete="new-password"
      />
    </>
  );
}

/** The current password, asked again before a sensitive change. */
export function CurrentPasswordField(props: { ctx: PageContext; state: FormState }) {
  return (
    <TextField
      ctx={props.ctx}
      state={props.state}
      name="currentPassword"
      label={props.ctx.t.account.currentPassword}
      type="password"
      required
      autocomplete="current-password"
    />
  );
}
