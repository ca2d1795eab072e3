import DataLoader from 'dataloader';
import type { Connection } from '../../lib/graphql/pagination';
import type { RequestContext } from '../../lib/graphql/request-context';
import type { Category } from './entities/category.entity';
import type { CatalogServices } from './services/catalog-services';
import type { ProductView } from './services/product-keyset';
import type { VendorPageKey } from './services/product-listing.service';

/** Per-request context of the catalog subgraph. */
export interface CatalogContext extends RequestContext {
  services: CatalogServices;
  loaders: CatalogLoaders;
  /**
   * Categories a listing fetched for its page before returning it (see {@link primeCategories}),
   * by id (null: no such category), so each product's `category` resolves without a promise.
   */
  primedCategories: Map<string, Category | null>;
}

/** One SQL statement per loader per fetch step, however many entities a response holds. */
export interface CatalogLoaders {
  /** Products the caller may see; null for unknown ones and other vendors' DRAFT or ARCHIVED. */
  productById: DataLoader<string, ProductView | null>;
  categoryById: DataLoader<string, Category | null>;
  childrenByCategoryId: DataLoader<string, Category[]>;
  /** `User.products` pages, as the caller may see them. */
  vendorProducts: DataLoader<VendorPageKey, Connection<ProductView>, string>;
}

export function createCatalogContext(
  base: RequestContext,
  services: CatalogServices,
): CatalogContext {
  const viewerId = base.caller.userId;
  return {
    ...base,
    services,
    primedCategories: new Map(),
    loaders: {
      productById: new DataLoader((ids) => services.products.findVisibleByIds(ids, viewerId)),
      categoryById: new DataLoader((ids) => services.categories.findByIds(ids)),
      childrenByCategoryId: new DataLoader((ids) => services.categories.childrenOf(ids)),
      vendorProducts: new DataLoader((keys) => services.listings.vendorPages(keys, viewerId), {
        cacheKeyFn: (key) => JSON.stringify([key.vendorId, key.first, key.after]),
      }),
    },
  };
}

/**
 * Fetches the categories of a page's products in one batch before the page is returned. Left to
 * each product's `category` resolver, the same batch would make every product of the page wait
 * on a promise of its own, which costs more CPU than the statement on a long page. A failed
 * batch primes nothing: each product's `category` then fails on its own as it did without this.
 */
export async function primeCategories(ctx: CatalogContext, products: ProductView[]): Promise<void> {
  const ids = [...new Set(products.map((product) => product.categoryId))].filter(
    (id): id is string => id !== null && !ctx.primedCategories.has(id),
  );
  if (!ids.length) return;
  try {
    const categories = await Promise.all(ids.map((id) => ctx.loaders.categoryById.load(id)));
    ids.forEach((id, index) => ctx.primedCategories.set(id, categories[index]));
  } catch {
    // Reported where `category` is read.
  }
}
