import type { ApiErrors } from '../errors';

/**
 * The API's errors that no field on the form shows: general ones, and those naming a field the
 * form has no input for (so no error is ever dropped).
 */
export function ErrorList({ errors, shown = [] }: { errors: ApiErrors; shown?: string[] }) {
  const unshown = Object.entries(errors.byField)
    .filter(([field]) => !shown.includes(field))
    .map(([, message]) => message);
  const messages = [...errors.general, ...unshown];
  if (messages.length === 0) return null;
  return (
    <div className="form-errors" role="alert">
      {messages.map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  );
}
