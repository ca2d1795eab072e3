import { useQuery } from '@apollo/client/react';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { useEffect } from 'react';
import { useParams } from 'react-router';
import { ErrorList } from '../components/ErrorList';
import { PageTitle } from '../components/Layout';
import { apiErrors } from '../errors';
import {
  ARCHIVE_PRODUCT,
  STOCK_MOVEMENTS,
  UPDATE_PRODUCT,
  VENDOR_PRODUCT,
} from '../operations/vendor';
import { ProductForm, productFormValues } from './ProductForm';
import { SalesFigures } from './SalesFigures';
import { StockPanel } from './StockPanel';
import { useAction } from './use-action';

/** How often the page asks again while inventory has not yet heard of a new product. */
const LEDGER_RETRY_MS = 1_000;

/** Inventory answers NOT_FOUND for the ledger of a product whose creation it has not yet seen. */
const notYetInInventory = (error: unknown) =>
  CombinedGraphQLErrors.is(error) &&
  error.errors.some((graphQLError) => graphQLError.extensions?.code === 'NOT_FOUND');

/** One product for its vendor: edit, publish, archive, stock per warehouse, ledger, sales. */
export function ProductEditorPage() {
  const { id = '' } = useParams();
  const { data, error, loading } = useQuery(VENDOR_PRODUCT, { variables: { id } });
  const ledger = useQuery(STOCK_MOVEMENTS, { variables: { productId: id } });
  const ledgerPending = notYetInInventory(ledger.error);
  const { startPolling, stopPolling } = ledger;
  useEffect(() => {
    if (!ledgerPending) return undefined;
    startPolling(LEDGER_RETRY_MS);
    return stopPolling;
  }, [ledgerPending, startPolling, stopPolling]);
  const update = useAction(UPDATE_PRODUCT);
  const archive = useAction(ARCHIVE_PRODUCT);
  const product = data?.product;
  if (loading && !product) return <p role="status">Loading…</p>;
  if (!data || !product) {
    return (
      <>
        <PageTitle>Product not found</PageTitle>
        <ErrorList errors={apiErrors(error)} />
      </>
    );
  }
  return (
    <>
      <PageTitle>{product.name}</PageTitle>
      <p>
        Status: <strong data-testid="product-status">{product.status.toLowerCase()}</strong>
      </p>
      {product.status !== 'ARCHIVED' && (
        <p className="actions">
          {product.status === 'DRAFT' && (
            <button
              type="button"
              className="primary"
              onClick={() => void update.run({ id, input: { status: 'ACTIVE' } })}
            >
              Publish
            </button>
          )}
          <button type="button" onClick={() => void archive.run({ id })}>
            Archive
          </button>
        </p>
      )}
      <ErrorList errors={archive.errors} />
      {ledger.data ? (
        <StockPanel
          productId={id}
          stock={product.stock}
          movements={ledger.data.stockMovements}
          warehouses={data.myWarehouses}
        />
      ) : ledgerPending ? (
        <p role="status">Inventory is setting up this product; its stock opens in a moment.</p>
      ) : (
        <ErrorList errors={apiErrors(ledger.error)} />
      )}
      <SalesFigures sales={product.sales} title="Sales of this product" />
      {product.status !== 'ARCHIVED' && (
        <section aria-labelledby="edit-title">
          <h2 id="edit-title">Edit</h2>
          <ProductForm
            key={`${product.id}-${product.status}`}
            initial={productFormValues(product)}
            categories={data.categories}
            errors={update.errors}
            busy={update.loading}
            submitLabel="Save changes"
            onSubmit={(input) => void update.run({ id, input })}
          />
        </section>
      )}
    </>
  );
}
