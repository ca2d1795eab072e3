import { smtpFailureSummary } from './email-deliveries';

describe('the failure recorded for a refused or unsent email', () => {
  it('keeps the error code and the SMTP reply code, not the server’s text', () => {
    const refusal = Object.assign(new Error('Message failed: 451 4.3.0 <ann@example.test> later'), {
      code: 'EMESSAGE',
      responseCode: 451,
    });
    expect(smtpFailureSummary(refusal)).toBe('EMESSAGE 451');
  });

  it('keeps the code alone when the server could not be reached', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), {
      code: 'ESOCKET',
    });
    expect(smtpFailureSummary(refused)).toBe('ESOCKET');
  });

  it('says ERROR for anything without a code', () => {
    expect(smtpFailureSummary(new Error('no recipient known for ann@example.test'))).toBe('ERROR');
    expect(smtpFailureSummary(undefined)).toBe('ERROR');
  });
});
