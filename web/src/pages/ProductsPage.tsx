import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorList } from '../components/ErrorList';
import { Field } from '../components/Field';
import { PageTitle } from '../components/Layout';
import { Money } from '../components/Money';
import { apiErrors, fieldError } from '../errors';
import { STOREFRONT } from '../operations/storefront';
import type { ProductFilter, ProductSort } from '../operations/types';
import { CategoryTree } from './CategoryTree';

const PAGE_SIZE = 12;
const SORTS: Array<[ProductSort, string]> = [
  ['NEWEST', 'Newest'],
  ['PRICE_ASC', 'Price: low to high'],
  ['PRICE_DESC', 'Price: high to low'],
  ['NAME_ASC', 'Name'],
];

const toMinor = (text: string | null) =>
  text && text.trim() !== '' ? Math.round(Number(text) * 100) : undefined;

/** The storefront: products with search, category, price range, sort and cursor pages. */
export function ProductsPage() {
  const [params, setParams] = useSearchParams();
  const [form, setForm] = useState({
    search: params.get('q') ?? '',
    min: params.get('min') ?? '',
    max: params.get('max') ?? '',
  });
  const filter: ProductFilter = {
    search: params.get('q') || undefined,
    categoryId: params.get('category') || undefined,
    vendorId: params.get('vendor') || undefined,
    minPrice: toMinor(params.get('min')),
    maxPrice: toMinor(params.get('max')),
  };
  const sort = (params.get('sort') as ProductSort | null) ?? 'NEWEST';
  const { data, previousData, error, loading } = useQuery(STOREFRONT, {
    variables: { first: PAGE_SIZE, after: params.get('after'), filter, sort },
  });
  const shown = data ?? previousData;
  const errors = apiErrors(error);

  const withParams = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    // Any change of filter or sort starts again at the first page.
    if (!('after' in changes)) next.delete('after');
    return next;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setParams(withParams({ q: form.search.trim(), min: form.min, max: form.max }));
  };

  return (
    <div className="storefront">
      <PageTitle>Products</PageTitle>
      <form role="search" className="filters" onSubmit={submit}>
        <Field
          label="Search"
          type="search"
          value={form.search}
          onChange={(event) => setForm({ ...form, search: event.target.value })}
          error={fieldError(errors, 'filter.search')}
        />
        <Field
          label="Lowest price"
          type="number"
          min="0"
          step="0.01"
          inputMode="decimal"
          value={form.min}
          onChange={(event) => setForm({ ...form, min: event.target.value })}
          error={fieldError(errors, 'filter.minPrice')}
        />
        <Field
          label="Highest price"
          type="number"
          min="0"
          step="0.01"
          inputMode="decimal"
          value={form.max}
          onChange={(event) => setForm({ ...form, max: event.target.value })}
          error={fieldError(errors, 'filter.maxPrice')}
        />
        <button type="submit">Apply</button>
        <div className="field">
          <label htmlFor="sort">Sort by</label>
          <select
            id="sort"
            value={sort}
            onChange={(event) => setParams(withParams({ sort: event.target.value }))}
          >
            {SORTS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </form>
      <div className="storefront-body">
        {shown && (
          <CategoryTree
            categories={shown.categories}
            selected={params.get('category')}
            hrefFor={(categoryId) => `/?${withParams({ category: categoryId })}`}
          />
        )}
        <section aria-labelledby="results" aria-busy={loading}>
          <h2 id="results">
            {shown
              ? `${shown.products.totalCount} ${shown.products.totalCount === 1 ? 'product' : 'products'}`
              : 'Loading products…'}
          </h2>
          <ErrorList
            errors={errors}
            shown={['filter.search', 'filter.minPrice', 'filter.maxPrice']}
          />
          <ul className="product-grid">
            {shown?.products.edges.map(({ node }) => (
              <li key={node.id} className="product-card">
                <h3>
                  <Link to={`/products/${node.id}`}>{node.name}</Link>
                </h3>
                <p>
                  <Money value={node.price} />
                </p>
                <p className="muted">
                  {node.vendor.displayName}
                  {node.category && ` · ${node.category.name}`}
                </p>
              </li>
            ))}
          </ul>
          <nav aria-label="Pages" className="pager">
            {params.get('after') && <Link to={`/?${withParams({ after: null })}`}>First page</Link>}
            {shown?.products.pageInfo.hasNextPage && shown.products.pageInfo.endCursor && (
              <Link to={`/?${withParams({ after: shown.products.pageInfo.endCursor })}`}>
                Next page
              </Link>
            )}
          </nav>
        </section>
      </div>
    </div>
  );
}
