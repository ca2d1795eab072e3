import { usersConfigFromEnv } from '../../subgraphs/users/config';
import { createOperatorAccounts } from '../../subgraphs/users/operator';
import { testEnv } from './test-env';
import type { TestSystem } from './test-system';
import { tokenFrom } from './smtp-sink';

export const PASSWORD = 'correct horse 42';

let counter = 0;

/** A unique, valid registration input; override any field. */
export function newAccount(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    email: `user${counter}-${Date.now()}@example.test`,
    password: PASSWORD,
    displayName: `User ${counter}`,
    role: 'CUSTOMER' as const,
    ...overrides,
  };
}

export const REGISTER = `mutation Register($input: RegisterInput!) {
  register(input: $input) { id email phone displayName role emailVerified }
}`;

export const LOGIN = `mutation Login($input: LoginInput!) {
  login(input: $input) { accessToken refreshToken expiresIn user { id email role } }
}`;

export const REFRESH = `mutation Refresh($token: String!) {
  refreshToken(refreshToken: $token) { accessToken refreshToken }
}`;

export interface SignedIn {
  id: string;
  email: string;
  accessToken: string;
  refreshToken: string;
}

/** Registers an account through the gateway; returns its id and email. */
export async function register(t: TestSystem, overrides: Record<string, unknown> = {}) {
  const input = newAccount(overrides);
  const result = await t.query(REGISTER, { input });
  if (result.errors) throw new Error(`register failed: ${JSON.stringify(result.errors)}`);
  return {
    id: result.data!.register.id as string,
    email: input.email,
    password: input.password as string,
  };
}

/** Verifies an account with the token from its welcome email. */
export async function verifyFromEmail(t: TestSystem, email: string): Promise<void> {
  const token = tokenFrom(await t.smtp.waitForEmail(email));
  const result = await t.query('mutation($t: String!) { verifyEmail(token: $t) { id } }', {
    t: token,
  });
  if (result.errors) throw new Error(`verify failed: ${JSON.stringify(result.errors)}`);
}

export async function login(
  t: TestSystem,
  loginName: string,
  password = PASSWORD,
): Promise<SignedIn> {
  const result = await t.query(LOGIN, { input: { login: loginName, password } });
  if (result.errors) throw new Error(`login failed: ${JSON.stringify(result.errors)}`);
  const { accessToken, refreshToken, user } = result.data!.login;
  return { id: user.id, email: user.email, accessToken, refreshToken };
}

/** Registers, verifies by email and logs in: the usual start of a test. */
export async function signUp(
  t: TestSystem,
  overrides: Record<string, unknown> = {},
): Promise<SignedIn> {
  const account = await register(t, overrides);
  await verifyFromEmail(t, account.email);
  return login(t, account.email, account.password);
}

/**
 * Registers and logs in without verifying the email address: the token says
 * `emailVerified: false` (vendors like this may not open warehouses or put products on sale).
 */
export async function signUpUnverified(
  t: TestSystem,
  overrides: Record<string, unknown> = {},
): Promise<SignedIn> {
  const account = await register(t, overrides);
  return login(t, account.email, account.password);
}

/**
 * An administrator, created the way an operator does (`npm run create-admin`: ADMIN is never a
 * registration choice), then signed in through the gateway.
 */
export async function signInAsAdmin(t: TestSystem): Promise<SignedIn> {
  const input = newAccount({ displayName: 'Admin' });
  await createOperatorAccounts(usersConfigFromEnv(testEnv(t.prefix)), [
    { email: input.email, password: PASSWORD, displayName: 'Admin', role: 'ADMIN' },
  ]);
  return login(t, input.email);
}
