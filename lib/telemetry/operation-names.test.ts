import { OperationLabels } from './operation-names';

describe('OperationLabels', () => {
  it('labels a named operation by its name and an unnamed one as anonymous', () => {
    const labels = new OperationLabels();
    expect(labels.label('PlaceOrder')).toBe('PlaceOrder');
    expect(labels.label(undefined)).toBe('anonymous');
    expect(labels.label('')).toBe('anonymous');
  });

  it('refuses names that are not plain identifiers', () => {
    const labels = new OperationLabels();
    expect(labels.label('drop"} 1\nevil')).toBe('other');
    expect(labels.label('x'.repeat(101))).toBe('other');
  });

  it('stops adding series after the limit but keeps the names it already has', () => {
    const labels = new OperationLabels(2);
    expect(labels.label('A')).toBe('A');
    expect(labels.label('B')).toBe('B');
    expect(labels.label('C')).toBe('other');
    expect(labels.label('A')).toBe('A');
  });
});
