import { withoutQuery } from './tracing';

describe('the URL attributes of a traced request', () => {
  it('keep the path and drop the query, where one-time tokens travel', () => {
    const attributes = withoutQuery({
      url: '/reset-password?token=secret-reset-token',
      headers: { host: 'shop.example' },
    });
    expect(attributes).toEqual({
      'http.target': '/reset-password',
      'http.url': 'http://shop.example/reset-password',
      'url.path': '/reset-password',
      'url.query': '',
    });
    expect(JSON.stringify(attributes)).not.toContain('secret-reset-token');
  });
});
