import { useState, type FormEvent } from 'react';
import { ErrorList } from '../components/ErrorList';
import { Field } from '../components/Field';
import { anyFieldError, type ApiErrors } from '../errors';
import type { ProductInput } from '../operations/types';
import type { CategorySummary, Money, ProductStatus } from '../operations/types';

export interface ProductFormValues {
  name: string;
  description: string;
  price: string;
  currency: string;
  categoryId: string;
  status: ProductStatus;
}

export function productFormValues(product?: {
  name: string;
  description: string | null;
  price: Money;
  category: { id: string } | null;
  status: ProductStatus;
}): ProductFormValues {
  return {
    name: product?.name ?? '',
    description: product?.description ?? '',
    price: product ? (product.price.amount / 100).toFixed(2) : '',
    currency: product?.price.currency ?? 'EUR',
    categoryId: product?.category?.id ?? '',
    status: product?.status === 'ACTIVE' ? 'ACTIVE' : 'DRAFT',
  };
}

const PRICE_FIELDS = ['input.price', 'input.price.amount'];
const FIELDS = [
  'input.name',
  'input.description',
  ...PRICE_FIELDS,
  'input.price.currency',
  'input.categoryId',
  'input.status',
];

/** Create and edit a product: name, description, price, category and DRAFT/ACTIVE. */
export function ProductForm({
  initial,
  categories,
  errors,
  submitLabel,
  busy,
  onSubmit,
}: {
  initial: ProductFormValues;
  categories: CategorySummary[];
  errors: ApiErrors;
  submitLabel: string;
  busy: boolean;
  onSubmit: (input: ProductInput) => void;
}) {
  const [form, setForm] = useState(initial);
  const change = (key: keyof ProductFormValues) => (event: { target: { value: string } }) =>
    setForm({ ...form, [key]: event.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      name: form.name,
      description: form.description || null,
      categoryId: form.categoryId || null,
      price: { amount: Math.round(Number(form.price) * 100), currency: form.currency },
      status: form.status,
    });
  };
  return (
    <form onSubmit={submit} className="stacked-form" noValidate>
      <Field
        label="Name"
        required
        value={form.name}
        onChange={change('name')}
        error={anyFieldError(errors, ['input.name'])}
      />
      <div className="field">
        <label htmlFor="product-description">Description</label>
        <textarea
          id="product-description"
          rows={3}
          value={form.description}
          onChange={change('description')}
        />
        {errors.byField['input.description'] && (
          <p className="field-error" role="alert">
            {errors.byField['input.description']}
          </p>
        )}
      </div>
      <Field
        label="Price"
        type="number"
        min="0"
        step="0.01"
        inputMode="decimal"
        required
        value={form.price}
        onChange={change('price')}
        error={anyFieldError(errors, PRICE_FIELDS)}
      />
      <Field
        label="Currency (ISO code)"
        maxLength={3}
        value={form.currency}
        onChange={change('currency')}
        error={anyFieldError(errors, ['input.price.currency'])}
      />
      <div className="field">
        <label htmlFor="product-category">Category</label>
        <select id="product-category" value={form.categoryId} onChange={change('categoryId')}>
          <option value="">None</option>
          {categories.map((category) => (
            <option key={category.id} value={category.id}>
              {category.name}
            </option>
          ))}
        </select>
        {errors.byField['input.categoryId'] && (
          <p className="field-error" role="alert">
            {errors.byField['input.categoryId']}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="product-status">Status</label>
        <select id="product-status" value={form.status} onChange={change('status')}>
          <option value="DRAFT">Draft (only you see it)</option>
          <option value="ACTIVE">Active (for sale)</option>
        </select>
      </div>
      <ErrorList errors={errors} shown={FIELDS} />
      <button type="submit" className="primary" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
