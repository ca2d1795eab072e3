import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { addToCart } from '../cart';
import { ErrorList } from '../components/ErrorList';
import { Field } from '../components/Field';
import { PageTitle } from '../components/Layout';
import { Money } from '../components/Money';
import { apiErrors } from '../errors';
import { PRODUCT } from '../operations/storefront';

/** One product: vendor, category, availability, and "Add to cart". */
export function ProductPage() {
  const { id = '' } = useParams();
  const { data, error, loading } = useQuery(PRODUCT, { variables: { id } });
  const [quantity, setQuantity] = useState('1');
  const [added, setAdded] = useState<string | null>(null);
  if (loading) return <p role="status">Loading…</p>;
  const product = data?.product;
  if (!product) {
    return (
      <>
        <PageTitle>Product not found</PageTitle>
        <ErrorList errors={apiErrors(error)} />
        <Link to="/">Back to the shop</Link>
      </>
    );
  }
  const available = product.stock.available;
  const add = (event: FormEvent) => {
    event.preventDefault();
    const count = Number(quantity);
    addToCart(
      {
        productId: product.id,
        name: product.name,
        vendorName: product.vendor.displayName,
        price: product.price,
      },
      count,
    );
    setAdded(`${count} × ${product.name} added to your cart.`);
  };
  return (
    <article className="product-page">
      <PageTitle>{product.name}</PageTitle>
      <p className="price">
        <Money value={product.price} />
      </p>
      <dl>
        <dt>Sold by</dt>
        <dd>
          <Link to={`/?vendor=${product.vendor.id}`}>{product.vendor.displayName}</Link>
        </dd>
        <dt>Category</dt>
        <dd>
          {product.category ? (
            <Link to={`/?category=${product.category.id}`}>{product.category.name}</Link>
          ) : (
            'None'
          )}
        </dd>
        <dt>Availability</dt>
        <dd data-testid="availability">
          {available > 0
            ? `${available} in stock${product.stock.lowStock ? ' (only a few left)' : ''}`
            : 'Out of stock'}
        </dd>
      </dl>
      {product.description && <p>{product.description}</p>}
      <form onSubmit={add} className="inline-form">
        <Field
          label="Quantity"
          type="number"
          min="1"
          step="1"
          required
          value={quantity}
          onChange={(event) => setQuantity(event.target.value)}
        />
        <button type="submit" disabled={available <= 0}>
          Add to cart
        </button>
      </form>
      <p role="status">
        {added}
        {added && (
          <>
            {' '}
            <Link to="/cart">Go to cart</Link>
          </>
        )}
      </p>
    </article>
  );
}
