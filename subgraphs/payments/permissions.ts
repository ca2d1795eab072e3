import { allow, rule } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { ForbiddenError } from '../../lib/errors';
import { isAuthenticated } from '../../lib/graphql/rules';
import type { PaymentsContext } from './context';
import type { Payment } from './entities/payment.entity';

/** The payment belongs to the caller (the customer of its order). */
const isPaymentOwner = rule({ cache: 'strict' })(
  (payment: Payment, _args, ctx: PaymentsContext) =>
    payment.customerId === ctx.caller.userId || new ForbiddenError(),
);

/**
 * Who may read what in the payments subgraph; anything unlisted is denied. `Order.payment`
 * answers null to anyone but the order's customer (its resolver filters by the caller), and
 * `payments` lists the caller's own payments only (the service filters by the caller).
 */
export const paymentsPermissions: IRules = {
  Query: { payments: isAuthenticated },
  Order: { id: allow, payment: isAuthenticated },
  Payment: isPaymentOwner,
  PaymentConnection: allow,
  PaymentEdge: allow,
  PageInfo: allow,
  Refund: allow,
  Money: allow,
};
