import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ErrorList } from '../components/ErrorList';
import { Field } from '../components/Field';
import { PageTitle } from '../components/Layout';
import { apiErrors, fieldError } from '../errors';
import { CREATE_WAREHOUSE, DASHBOARD, UPDATE_WAREHOUSE } from '../operations/vendor';
import { useAction } from './use-action';

/** The vendor's warehouses: open one, deactivate or reactivate it. */
export function WarehousesPage() {
  const { data, error } = useQuery(DASHBOARD);
  const create = useAction(CREATE_WAREHOUSE);
  const update = useAction(UPDATE_WAREHOUSE);
  const [form, setForm] = useState({ name: '', code: '' });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await create.run({ input: form })) setForm({ name: '', code: '' });
  };
  return (
    <>
      <PageTitle>Warehouses</PageTitle>
      <ErrorList errors={apiErrors(error)} />
      {data && data.myWarehouses.length === 0 && <p>No warehouses yet.</p>}
      <ul className="warehouse-list">
        {data?.myWarehouses.map((warehouse) => (
          <li key={warehouse.id}>
            {warehouse.name} ({warehouse.code}) · {warehouse.active ? 'active' : 'inactive'}{' '}
            <button
              type="button"
              onClick={() =>
                void update.run({ id: warehouse.id, input: { active: !warehouse.active } })
              }
            >
              {warehouse.active ? `Deactivate ${warehouse.code}` : `Reactivate ${warehouse.code}`}
            </button>
          </li>
        ))}
      </ul>
      <ErrorList errors={update.errors} />
      <h2>Open a warehouse</h2>
      <form onSubmit={submit} className="stacked-form" noValidate>
        <Field
          label="Warehouse name"
          value={form.name}
          onChange={(event) => setForm({ ...form, name: event.target.value })}
          error={fieldError(create.errors, 'input.name')}
        />
        <Field
          label="Code (e.g. BER-1)"
          value={form.code}
          onChange={(event) => setForm({ ...form, code: event.target.value })}
          error={fieldError(create.errors, 'input.code')}
        />
        <ErrorList errors={create.errors} shown={['input.name', 'input.code']} />
        <button type="submit" className="primary" disabled={create.loading}>
          Open warehouse
        </button>
      </form>
    </>
  );
}
