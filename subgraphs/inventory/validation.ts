import { z } from 'zod';
import { id } from '../../lib/validation';

/** The most any single stock operation may move, so a typo cannot create absurd stock. */
export const MAX_QUANTITY = 1_000_000;

/** Units received, transferred or reserved: 1 to {@link MAX_QUANTITY}. */
export const quantity = z
  .int('a whole number')
  .min(1, 'at least 1')
  .max(MAX_QUANTITY, `at most ${MAX_QUANTITY}`);

/** A correction of on-hand stock, up or down, never zero. */
export const delta = z
  .int('a whole number')
  .min(-MAX_QUANTITY, `at least -${MAX_QUANTITY}`)
  .max(MAX_QUANTITY, `at most ${MAX_QUANTITY}`)
  .refine((value) => value !== 0, 'must not be 0');

export const threshold = z
  .int('a whole number')
  .min(0, 'at least 0')
  .max(MAX_QUANTITY, `at most ${MAX_QUANTITY}`);

export const warehouseName = z
  .string()
  .trim()
  .min(1, 'required')
  .max(100, 'at most 100 characters');

export const warehouseCode = z
  .string()
  .regex(/^[A-Z0-9-]{1,20}$/, '1 to 20 upper-case letters, digits or dashes, e.g. BER-1');

export const reason = z.string().trim().min(1, 'required').max(500, 'at most 500 characters');

/** How many movements `stockMovements` returns at most. */
export const movementsPageSize = z
  .int('a whole number')
  .min(1, 'at least 1')
  .max(200, 'at most 200');

export const createWarehouseInput = z.object({ name: warehouseName, code: warehouseCode });

/** Omitted or null fields stay as they are. */
export const updateWarehouseInput = z.object({
  name: warehouseName.nullish(),
  active: z.boolean().nullish(),
});

export const receiveStockInput = z.object({ productId: id, warehouseId: id, quantity });

export const adjustStockInput = z.object({ productId: id, warehouseId: id, delta, reason });

export const transferStockInput = z
  .object({ productId: id, fromWarehouseId: id, toWarehouseId: id, quantity })
  .refine((input) => input.fromWarehouseId !== input.toWarehouseId, {
    path: ['toWarehouseId'],
    message: 'must differ from fromWarehouseId',
  });
