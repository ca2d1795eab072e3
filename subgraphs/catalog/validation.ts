import { z } from 'zod';
import { isCurrencyCode } from '../../lib/money';
import { id } from '../../lib/validation';
import { ProductSort, ProductStatus } from './generated/resolvers-types';

/** The most a single price may be, in minor units (one million in a two-decimal currency). */
export const MAX_PRICE = 100_000_000;

export const money = z.object({
  amount: z
    .int('a whole number of minor units (cents)')
    .positive('must be greater than 0')
    .max(MAX_PRICE, `at most ${MAX_PRICE}`),
  currency: z
    .string()
    .refine(isCurrencyCode, 'an ISO-4217 currency code in capitals, e.g. EUR or JPY'),
});

const productName = z.string().trim().min(1, 'required').max(200, 'at most 200 characters');

/** Blank descriptions are stored as none. */
const description = z
  .string()
  .trim()
  .max(5000, 'at most 5000 characters')
  .transform((value) => value || null);

/** ARCHIVED is reached through archiveProduct only, because it is final. */
const settableStatus = z.enum(
  [ProductStatus.Draft, ProductStatus.Active],
  'DRAFT or ACTIVE; use archiveProduct to archive',
);

export const createProductInput = z.object({
  name: productName,
  description: description.nullish(),
  categoryId: id.nullish(),
  price: money,
  status: settableStatus.nullish(),
});

/** Absent fields stay as they are; `description` and `categoryId` can be cleared with null. */
export const updateProductInput = z.object({
  name: productName.optional(),
  description: description.nullish(),
  categoryId: id.nullish(),
  price: money.optional(),
  status: settableStatus.optional(),
});

const categoryName = z.string().trim().min(1, 'required').max(100, 'at most 100 characters');

const slug = z
  .string()
  .trim()
  .min(1, 'required')
  .max(100, 'at most 100 characters')
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters, digits and single hyphens, e.g. garden');

export const createCategoryInput = z.object({
  name: categoryName,
  slug,
  parentId: id.nullish(),
});

/** `parentId: null` moves the category to the top level. */
export const updateCategoryInput = z.object({
  name: categoryName.optional(),
  slug: slug.optional(),
  parentId: id.nullish(),
});

const price = z.int('a whole number of minor units').min(0, 'must not be negative');

export const productFilter = z
  .object({
    categoryId: id.nullish(),
    vendorId: id.nullish(),
    /** Blank means no search. */
    search: z
      .string()
      .trim()
      .max(200, 'at most 200 characters')
      .transform((value) => value || null)
      .nullish(),
    minPrice: price.nullish(),
    maxPrice: price.nullish(),
  })
  .refine(
    (filter) =>
      filter.minPrice == null || filter.maxPrice == null || filter.minPrice <= filter.maxPrice,
    { message: 'must not be below minPrice', path: ['maxPrice'] },
  );

export type ProductFilter = z.infer<typeof productFilter>;

export const productSort = z.enum(ProductSort);
