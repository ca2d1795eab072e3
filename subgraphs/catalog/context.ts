import DataLoader from 'dataloader';
import type { Connection } from '../../lib/graphql/pagination';
import type { RequestContext } from '../../lib/graphql/request-context';
import type { Category } from './entities/category.entity';
import type { Product } from './entities/product.entity';
import type { CatalogServices } from './services/catalog-services';
import type { VendorPageKey } from './services/product-listing.service';

/** Per-request context of the catalog subgraph. */
export interface CatalogContext extends RequestContext {
  services: CatalogServices;
  loaders: CatalogLoaders;
}

/** One SQL statement per loader per fetch step, however many entities a response holds. */
export interface CatalogLoaders {
  /** Products the caller may see; null for unknown ones and other vendors' DRAFT or ARCHIVED. */
  productById: DataLoader<string, Product | null>;
  categoryById: DataLoader<string, Category | null>;
  childrenByCategoryId: DataLoader<string, Category[]>;
  /** `User.products` pages, as the caller may see them. */
  vendorProducts: DataLoader<VendorPageKey, Connection<Product>, string>;
}

export function createCatalogContext(
  base: RequestContext,
  services: CatalogServices,
): CatalogContext {
  const viewerId = base.caller.userId;
  return {
    ...base,
    services,
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
