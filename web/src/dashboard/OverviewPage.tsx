import { useQuery } from '@apollo/client/react';
import { Link, useNavigate } from 'react-router';
import { ErrorList } from '../components/ErrorList';
import { PageTitle } from '../components/Layout';
import { Money } from '../components/Money';
import { apiErrors } from '../errors';
import { CREATE_PRODUCT, DASHBOARD } from '../operations/vendor';
import { ProductForm, productFormValues } from './ProductForm';
import { SalesFigures } from './SalesFigures';
import { useAction } from './use-action';

/** The vendor's overview: sales, products with stock and low-stock flags, and a new product. */
export function OverviewPage() {
  const { data, error } = useQuery(DASHBOARD);
  const navigate = useNavigate();
  const create = useAction(CREATE_PRODUCT);
  const me = data?.me;
  return (
    <>
      <PageTitle>Dashboard</PageTitle>
      <ErrorList errors={apiErrors(error)} />
      {me && <SalesFigures sales={me.sales} />}
      <section aria-labelledby="products-title">
        <h2 id="products-title">Products</h2>
        {me && me.products.edges.length === 0 && <p>No products yet.</p>}
        {me && me.products.edges.length > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Status</th>
                <th scope="col">Price</th>
                <th scope="col">Available</th>
                <th scope="col">Reserved</th>
              </tr>
            </thead>
            <tbody>
              {me.products.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>
                    <Link to={`/dashboard/products/${node.id}`}>{node.name}</Link>
                  </td>
                  <td>{node.status.toLowerCase()}</td>
                  <td>
                    <Money value={node.price} />
                  </td>
                  <td>
                    {node.stock.available}
                    {node.stock.lowStock && <span className="low-stock"> low stock</span>}
                  </td>
                  <td>{node.stock.reserved}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="new-product-title">
        <h2 id="new-product-title">New product</h2>
        <ProductForm
          initial={productFormValues()}
          categories={data?.categories ?? []}
          errors={create.errors}
          busy={create.loading}
          submitLabel="Create product"
          onSubmit={async (input) => {
            const created = await create.run({ input });
            if (created) navigate(`/dashboard/products/${created.createProduct.id}`);
          }}
        />
      </section>
    </>
  );
}
