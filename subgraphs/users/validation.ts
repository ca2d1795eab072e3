import { z } from 'zod';
import { displayNameProblem, MAX_DISPLAY_NAME_LENGTH } from '../../lib/display-name';
import { RegistrationRole } from './generated/resolvers-types';

/** Normalised email: trimmed, lower-case, at most 254 characters. */
export const email = z
  .string()
  .trim()
  .max(254, 'at most 254 characters')
  .toLowerCase()
  .pipe(z.email('not a valid email address'));

/** E.164 phone number. */
export const phone = z
  .string()
  .trim()
  .regex(/^\+[1-9]\d{6,14}$/, 'use international format, e.g. +4915112345678');

/** A new password: 10 to 128 characters, with a letter and a digit or symbol. */
export const newPassword = z
  .string()
  .min(10, 'at least 10 characters')
  .max(128, 'at most 128 characters')
  .regex(/\p{L}/u, 'needs at least one letter')
  .regex(/[^\p{L}]/u, 'needs at least one digit or symbol');

/** A password being checked; only bounded so nobody makes us hash megabytes. */
export const givenPassword = z.string().min(1, 'required').max(128, 'at most 128 characters');

/** A name shown to others and in emails: nothing that could become a link or markup. */
export const displayName = z
  .string()
  .trim()
  .min(1, 'required')
  .max(MAX_DISPLAY_NAME_LENGTH, `at most ${MAX_DISPLAY_NAME_LENGTH} characters`)
  .superRefine((name, ctx) => {
    const problem = displayNameProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A token from an emailed link or a refresh token. */
export const opaqueToken = z.string().min(1, 'required').max(200, 'at most 200 characters');

export const registerInput = z.object({
  email,
  phone: phone.nullish(),
  password: newPassword,
  displayName,
  role: z.enum(RegistrationRole),
});

export const loginInput = z.object({
  login: z.string().trim().min(1, 'required').max(254, 'at most 254 characters'),
  password: givenPassword,
});

export const updateProfileInput = z.object({
  displayName: displayName.optional(),
  phone: phone.nullish(),
});
