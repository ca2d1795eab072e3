import { z } from 'zod';
import { cursorKeys } from '../../lib/graphql/cursor-keys';
import { decodeCursor, encodeCursor, pageSize } from '../../lib/graphql/pagination';
import { parseInput } from '../../lib/validation';
import { PaymentStatus, type QueryPaymentsArgs } from './generated/resolvers-types';

/** The statuses the SDL lists (the table's CHECK holds the same ones). */
export const paymentStatus = z.enum(PaymentStatus);

/** Where a page of `payments` starts: after this creation time (microseconds) and id. */
export interface PaymentsPosition {
  createdAt: string;
  id: string;
}

/** One customer's page of `payments`, its arguments checked. */
export interface PaymentsPageKey {
  customerId: string;
  first: number;
  after: PaymentsPosition | null;
  status: PaymentStatus | null;
}

const cursorSchema = z.tuple([z.literal('payments'), cursorKeys.timestamp, cursorKeys.id]);

/** The cursor of a payment in `payments`, from its creation time as PostgreSQL prints it. */
export const paymentsCursor = (position: PaymentsPosition): string =>
  encodeCursor(['payments', position.createdAt, position.id]);

/**
 * `payments(first, after, status)` checked: `first` 1 to 100, `after` a cursor of this listing,
 * `status` one of the SDL's; anything else is `BAD_USER_INPUT` on that argument.
 */
export function paymentsPageKey(customerId: string, args: QueryPaymentsArgs): PaymentsPageKey {
  const first = parseInput(pageSize, args.first, 'first');
  const cursor = args.after == null ? null : decodeCursor(cursorSchema, args.after, 'after');
  const status = args.status == null ? null : parseInput(paymentStatus, args.status, 'status');
  const after = cursor && { createdAt: cursor[1], id: cursor[2] };
  return { customerId, first, after, status };
}
