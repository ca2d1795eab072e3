import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorList } from '../components/ErrorList';
import { Field } from '../components/Field';
import { PageTitle } from '../components/Layout';
import { apiErrors, fieldError } from '../errors';
import { LOGIN } from '../operations/storefront';
import { startSession } from '../session';

export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [login, { error, loading }] = useMutation(LOGIN);
  const [form, setForm] = useState({ login: '', password: '' });
  const errors = apiErrors(error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { data } = await login({ variables: { input: form } }).catch(() => ({ data: undefined }));
    if (!data) return;
    startSession(data.login);
    const role = data.login.user.role;
    const next = params.get('next');
    // Only paths of this app: a `next` pointing elsewhere would make this an open redirect.
    navigate(
      next?.startsWith('/') && !next.startsWith('//')
        ? next
        : role === 'CUSTOMER'
          ? '/'
          : '/dashboard',
    );
  };
  return (
    <>
      <PageTitle>Sign in</PageTitle>
      <form onSubmit={submit} className="stacked-form" noValidate>
        <Field
          label="Email or phone"
          autoComplete="username"
          required
          value={form.login}
          onChange={(event) => setForm({ ...form, login: event.target.value })}
          error={fieldError(errors, 'input.login')}
        />
        <Field
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={form.password}
          onChange={(event) => setForm({ ...form, password: event.target.value })}
          error={fieldError(errors, 'input.password')}
        />
        <ErrorList errors={errors} shown={['input.login', 'input.password']} />
        <button type="submit" className="primary" disabled={loading}>
          Sign in
        </button>
      </form>
      <p>
        New here? <Link to="/register">Create an account</Link>
      </p>
    </>
  );
}
