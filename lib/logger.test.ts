import { GraphQLError } from 'graphql';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { createLogger, safeErrorMessage } from './logger';

const EMAIL = 'victim@example.test';
const PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo';
const INSERT_USER =
  'INSERT INTO "users"("email", "password_hash", "display_name") VALUES ($1, $2, $3)';

/** What pg raises for a statement PostgreSQL refused, fields as the server sends them. */
function pgError(message: string, fields: Partial<DatabaseError>): DatabaseError {
  return Object.assign(new DatabaseError(message, message.length, 'error'), fields);
}

/** A TypeORM QueryFailedError as the users service gets it for a duplicate email. */
function duplicateEmail(): QueryFailedError {
  return new QueryFailedError(
    INSERT_USER,
    [EMAIL, PASSWORD_HASH, 'Victim'],
    pgError('duplicate key value violates unique constraint "users_email_key"', {
      severity: 'ERROR',
      code: '23505',
      detail: `Key (email)=(${EMAIL}) already exists.`,
      schema: 'public',
      table: 'users',
      constraint: 'users_email_key',
      file: 'nbtinsert.c',
      line: '666',
      routine: '_bt_check_unique',
    }),
  );
}

/** Logs `fields` at error level and returns the one line written, parsed, and its raw text. */
function logged(fields: Record<string, unknown>) {
  const lines: string[] = [];
  const logger = createLogger('test', 'info', { write: (line: string) => lines.push(line) });
  logger.error(fields, 'it failed');
  expect(lines).toHaveLength(1);
  return { text: lines[0], entry: JSON.parse(lines[0]) as Record<string, any> };
}

describe('logger error serializer', () => {
  it('logs a QueryFailedError without its SQL, parameters or driver detail', () => {
    const { text, entry } = logged({ err: duplicateEmail() });

    expect(text).not.toContain(EMAIL);
    expect(text).not.toContain(PASSWORD_HASH);
    expect(text).not.toContain('INSERT');
    expect(text).not.toContain('Key (email)');
    expect(entry.err).not.toHaveProperty('query');
    expect(entry.err).not.toHaveProperty('parameters');
    expect(entry.err).not.toHaveProperty('driverError');
    expect(entry.err).not.toHaveProperty('detail');
    expect(entry.err).toMatchObject({
      type: 'QueryFailedError',
      message: 'duplicate key value violates unique constraint "users_email_key"',
      code: '23505',
      constraint: 'users_email_key',
      table: 'users',
      schema: 'public',
    });
    expect(entry.err.stack).toMatch(/^QueryFailedError: duplicate key value .*\n\s+at /);
  });

  it('redacts quoted values in a database message but keeps the names it reports', () => {
    const error = new QueryFailedError(
      'SELECT * FROM users WHERE id = $1',
      ['victim-secret-token'],
      pgError('invalid input syntax for type uuid: "victim-secret-token"', {
        severity: 'ERROR',
        code: '22P02',
        routine: 'string_to_uuid',
      }),
    );
    const outOfRange = pgError('value "2147483648" is out of range for type integer', {
      severity: 'ERROR',
      code: '22003',
    });
    const notNull = pgError('null value in column "email" of relation "users" violates not-null', {
      severity: 'ERROR',
      code: '23502',
      column: 'email',
      table: 'users',
      detail: `Failing row contains (1, null, ${PASSWORD_HASH}).`,
    });

    const { text, entry } = logged({ err: error, other: outOfRange, error: notNull });

    expect(text).not.toContain('victim-secret-token');
    expect(text).not.toContain('2147483648');
    expect(text).not.toContain(PASSWORD_HASH);
    expect(entry.err.message).toBe('invalid input syntax for type uuid: "[redacted]"');
    expect(entry.err.stack).toMatch(/^QueryFailedError: invalid input syntax .*"\[redacted\]"/);
    expect(entry.error.message).toBe(
      'null value in column "email" of relation "users" violates not-null',
    );
    expect(safeErrorMessage(outOfRange)).toBe(
      'value "[redacted]" is out of range for type integer',
    );
  });

  it('keeps the whole message of an error in the statement itself (SQLSTATE class 42)', () => {
    const error = pgError('relation "userz" does not exist', { severity: 'ERROR', code: '42P01' });
    expect(safeErrorMessage(error)).toBe('relation "userz" does not exist');
  });

  it('serializes a database error wrapped as a cause or as a GraphQL original error safely', () => {
    const wrapped = new Error('registration failed', { cause: duplicateEmail() });
    const graphql = new GraphQLError('Unexpected error.', { originalError: duplicateEmail() });

    const { text, entry } = logged({ err: wrapped, error: graphql });

    expect(text).not.toContain(EMAIL);
    expect(text).not.toContain(PASSWORD_HASH);
    expect(entry.err.cause).toMatchObject({ type: 'QueryFailedError', code: '23505' });
    expect(entry.error.originalError).toMatchObject({ constraint: 'users_email_key' });
  });

  it('keeps the message, stack and own properties of an ordinary error', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4222'), {
      code: 'ECONNREFUSED',
      port: 4222,
    });

    const { entry } = logged({ err: error });

    expect(entry.err).toMatchObject({
      type: 'Error',
      message: 'connect ECONNREFUSED 127.0.0.1:4222',
      code: 'ECONNREFUSED',
      port: 4222,
    });
    expect(entry.err.stack).toContain('logger.test.ts');
    expect(safeErrorMessage(error)).toBe('connect ECONNREFUSED 127.0.0.1:4222');
  });
});
