import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorList } from '../components/ErrorList';
import { Field } from '../components/Field';
import { PageTitle } from '../components/Layout';
import { apiErrors, fieldError } from '../errors';
import { RESET_PASSWORD, VERIFY_EMAIL } from '../operations/storefront';

/**
 * Where the verification email's link lands. A button press is required, so link scanners
 * that fetch URLs do not use the single-use token up.
 */
export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const [verify, { data, error, loading }] = useMutation(VERIFY_EMAIL);
  const errors = apiErrors(error);
  return (
    <>
      <PageTitle>Confirm your email</PageTitle>
      {data ? (
        <p role="status">
          Thank you, {data.verifyEmail.email} is confirmed. <Link to="/login">Sign in</Link>
        </p>
      ) : (
        <>
          <ErrorList errors={errors} />
          <button
            type="button"
            className="primary"
            disabled={loading}
            onClick={() =>
              void verify({ variables: { token: params.get('token') ?? '' } }).catch(
                () => undefined,
              )
            }
          >
            Confirm my email
          </button>
        </>
      )}
    </>
  );
}

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const [reset, { data, error, loading }] = useMutation(RESET_PASSWORD);
  const [password, setPassword] = useState('');
  const errors = apiErrors(error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void reset({ variables: { token: params.get('token') ?? '', newPassword: password } }).catch(
      () => undefined,
    );
  };
  return (
    <>
      <PageTitle>Choose a new password</PageTitle>
      {data ? (
        <p role="status">
          Your password is changed. <Link to="/login">Sign in with the new one</Link>
        </p>
      ) : (
        <form onSubmit={submit} className="stacked-form">
          <Field
            label="New password"
            type="password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={fieldError(errors, 'newPassword')}
          />
          <ErrorList errors={errors} shown={['newPassword']} />
          <button type="submit" className="primary" disabled={loading}>
            Set password
          </button>
        </form>
      )}
    </>
  );
}
