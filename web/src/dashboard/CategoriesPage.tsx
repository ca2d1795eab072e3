import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ErrorList } from '../components/ErrorList';
import { Field } from '../components/Field';
import { PageTitle } from '../components/Layout';
import { SelectField } from '../components/SelectField';
import { apiErrors, fieldError } from '../errors';
import { CATEGORIES, CREATE_CATEGORY } from '../operations/admin';
import { CategoryTree } from '../pages/CategoryTree';
import { EditCategoryForm } from './EditCategoryForm';
import { useAction } from './use-action';

/** Admins: the category tree, a form for a new category under any parent, and one to edit. */
export function CategoriesPage() {
  const { data, error } = useQuery(CATEGORIES);
  const create = useAction(CREATE_CATEGORY);
  const [form, setForm] = useState({ name: '', slug: '', parentId: '' });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await create.run({
      input: { name: form.name, slug: form.slug, parentId: form.parentId || null },
    });
    if (created) setForm({ name: '', slug: '', parentId: '' });
  };
  const categories = data?.categories ?? [];
  return (
    <>
      <PageTitle>Categories</PageTitle>
      <ErrorList errors={apiErrors(error)} />
      <CategoryTree
        categories={categories}
        selected={null}
        hrefFor={(id) => (id ? `/?category=${id}` : '/')}
      />
      <h2>New category</h2>
      <form onSubmit={submit} className="stacked-form" noValidate>
        <Field
          label="Category name"
          value={form.name}
          onChange={(event) => setForm({ ...form, name: event.target.value })}
          error={fieldError(create.errors, 'input.name')}
        />
        <Field
          label="Slug (e.g. kitchen-tools)"
          value={form.slug}
          onChange={(event) => setForm({ ...form, slug: event.target.value })}
          error={fieldError(create.errors, 'input.slug')}
        />
        <SelectField
          label="Parent"
          value={form.parentId}
          onChange={(event) => setForm({ ...form, parentId: event.target.value })}
          options={[
            { value: '', label: 'None (top level)' },
            ...categories.map((category) => ({ value: category.id, label: category.name })),
          ]}
          error={fieldError(create.errors, 'input.parentId')}
        />
        <ErrorList errors={create.errors} shown={['input.name', 'input.slug', 'input.parentId']} />
        <button type="submit" className="primary" disabled={create.loading}>
          Create category
        </button>
      </form>
      <h2>Edit a category</h2>
      <EditCategoryForm categories={categories} />
    </>
  );
}
