import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ErrorList } from '../components/ErrorList';
import { Field } from '../components/Field';
import { PageTitle } from '../components/Layout';
import { apiErrors, fieldError } from '../errors';
import { REGISTER } from '../operations/storefront';

const FIELDS = ['input.email', 'input.password', 'input.displayName', 'input.phone', 'input.role'];

export function RegisterPage() {
  const [register, { data, error, loading }] = useMutation(REGISTER);
  const [form, setForm] = useState({
    email: '',
    password: '',
    displayName: '',
    phone: '',
    role: 'CUSTOMER' as 'CUSTOMER' | 'VENDOR',
  });
  const errors = apiErrors(error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { phone, ...rest } = form;
    void register({ variables: { input: { ...rest, ...(phone ? { phone } : {}) } } }).catch(
      () => undefined,
    );
  };
  if (data) {
    return (
      <>
        <PageTitle>Check your email</PageTitle>
        <p role="status">
          We sent a confirmation link to {data.register.email}. Open it to confirm your address,
          then sign in.
        </p>
      </>
    );
  }
  const change = (key: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm({ ...form, [key]: event.target.value });
  return (
    <>
      <PageTitle>Create an account</PageTitle>
      <form onSubmit={submit} className="stacked-form" noValidate>
        <Field
          label="Name shown to others"
          autoComplete="name"
          required
          value={form.displayName}
          onChange={change('displayName')}
          error={fieldError(errors, 'input.displayName')}
        />
        <Field
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={form.email}
          onChange={change('email')}
          error={fieldError(errors, 'input.email')}
        />
        <Field
          label="Phone (optional, e.g. +4915112345678)"
          type="tel"
          autoComplete="tel"
          value={form.phone}
          onChange={change('phone')}
          error={fieldError(errors, 'input.phone')}
        />
        <Field
          label="Password (at least 10 characters)"
          type="password"
          autoComplete="new-password"
          required
          value={form.password}
          onChange={change('password')}
          error={fieldError(errors, 'input.password')}
        />
        <fieldset>
          <legend>I want to</legend>
          <label>
            <input
              type="radio"
              name="role"
              checked={form.role === 'CUSTOMER'}
              onChange={() => setForm({ ...form, role: 'CUSTOMER' })}
            />{' '}
            buy
          </label>
          <label>
            <input
              type="radio"
              name="role"
              checked={form.role === 'VENDOR'}
              onChange={() => setForm({ ...form, role: 'VENDOR' })}
            />{' '}
            sell
          </label>
        </fieldset>
        <ErrorList errors={errors} shown={FIELDS} />
        <button type="submit" className="primary" disabled={loading}>
          Create account
        </button>
      </form>
    </>
  );
}
