import { z } from 'zod';
import { ORDER_STATUSES } from '../../lib/events/catalogue';
import { id } from '../../lib/validation';

export const MAX_LINES = 50;
export const MAX_QUANTITY = 1000;

/** The statuses the order events carry (the event contract spells them once). */
export const orderStatus = z.enum(ORDER_STATUSES);

const orderLine = z.object({
  productId: id,
  quantity: z
    .int('a whole number')
    .min(1, 'at least 1')
    .max(MAX_QUANTITY, `at most ${MAX_QUANTITY}`),
});

/** `placeOrder`'s input; a product may appear on one line only. */
export const placeOrderInput = z
  .object({
    items: z
      .array(orderLine)
      .min(1, 'at least 1 line')
      .max(MAX_LINES, `at most ${MAX_LINES} lines`),
    idempotencyKey: z.string().min(1, 'required').max(100, 'at most 100 characters'),
  })
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.items.forEach((line, index) => {
      if (seen.has(line.productId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['items', index, 'productId'],
          message: 'this product is already on another line; change that line’s quantity',
        });
      }
      seen.add(line.productId);
    });
  });

/** `PlaceOrderInput` after the semantic rules: what placing an order works with. */
export type ValidPlaceOrderInput = z.infer<typeof placeOrderInput>;

/** `refundOrderLines(lines:)`: each line once, a whole number of units. */
export const refundLines = z
  .array(
    z.object({
      itemId: id,
      quantity: z
        .int('a whole number')
        .min(1, 'at least 1')
        .max(MAX_QUANTITY, `at most ${MAX_QUANTITY}`),
    }),
  )
  .min(1, 'at least 1 line')
  .max(MAX_LINES, `at most ${MAX_LINES} lines`)
  .superRefine((lines, ctx) => {
    const seen = new Set<string>();
    lines.forEach((line, index) => {
      if (seen.has(line.itemId)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'itemId'],
          message: 'this line is already in the list; refund its units in one entry',
        });
      }
      seen.add(line.itemId);
    });
  });

export type RefundLinesInput = z.infer<typeof refundLines>;

/** Why a refund was given: told to the customer in the refund email. */
export const refundReason = z
  .string()
  .trim()
  .min(3, 'at least 3 characters')
  .max(500, 'at most 500 characters');
