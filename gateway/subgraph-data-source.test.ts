import { cacheHint } from './subgraph-data-source';

describe('cacheHint', () => {
  it("reads a subgraph answer's Cache-Control as RemoteGraphQLDataSource does", () => {
    expect(cacheHint('max-age=60, public')).toEqual({ maxAge: 60, scope: 'PUBLIC' });
    expect(cacheHint(' max-age = "30" , private')).toEqual({ maxAge: 30, scope: 'PRIVATE' });
    expect(cacheHint('no-store')).toEqual({ maxAge: 0 });
    expect(cacheHint('max-age=soon')).toEqual({ maxAge: 0 });
    expect(cacheHint(null)).toEqual({ maxAge: 0 });
  });
});
