import { useState, type FormEvent } from 'react';
import { ErrorList } from '../components/ErrorList';
import { Field } from '../components/Field';
import { SelectField } from '../components/SelectField';
import { fieldError } from '../errors';
import type { CategoriesQuery } from '../generated/graphql';
import { UPDATE_CATEGORY } from '../operations/admin';
import { useAction } from './use-action';

type Category = CategoriesQuery['categories'][number];

const formOf = (category: Category | undefined) => ({
  id: category?.id ?? '',
  name: category?.name ?? '',
  slug: category?.slug ?? '',
  parentId: category?.parent?.id ?? '',
});

/**
 * Admins: rename a category, change its slug or move it under another parent (the API refuses a
 * move under itself or its descendants and says so next to the parent).
 */
export function EditCategoryForm({ categories }: { categories: Category[] }) {
  const update = useAction(UPDATE_CATEGORY);
  const [form, setForm] = useState(formOf(undefined));
  const choose = (id: string) => {
    update.reset();
    setForm(formOf(categories.find((category) => category.id === id)));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await update.run({
      id: form.id,
      input: { name: form.name, slug: form.slug, parentId: form.parentId || null },
    });
  };
  return (
    <form onSubmit={submit} className="stacked-form" noValidate aria-label="Edit a category">
      <SelectField
        label="Category to edit"
        value={form.id}
        onChange={(event) => choose(event.target.value)}
        options={[
          { value: '', label: 'Choose a category' },
          ...categories.map((category) => ({ value: category.id, label: category.name })),
        ]}
      />
      {form.id && (
        <>
          <Field
            label="New name"
            value={form.name}
            onChange={(event) => setForm({ ...form, name: event.target.value })}
            error={fieldError(update.errors, 'input.name')}
          />
          <Field
            label="New slug"
            value={form.slug}
            onChange={(event) => setForm({ ...form, slug: event.target.value })}
            error={fieldError(update.errors, 'input.slug')}
          />
          <SelectField
            label="New parent"
            value={form.parentId}
            onChange={(event) => setForm({ ...form, parentId: event.target.value })}
            options={[
              { value: '', label: 'None (top level)' },
              ...categories
                .filter((category) => category.id !== form.id)
                .map((category) => ({ value: category.id, label: category.name })),
            ]}
            error={fieldError(update.errors, 'input.parentId')}
          />
          <ErrorList
            errors={update.errors}
            shown={['input.name', 'input.slug', 'input.parentId']}
          />
          <button type="submit" className="primary" disabled={update.loading}>
            Save category
          </button>
        </>
      )}
    </form>
  );
}
