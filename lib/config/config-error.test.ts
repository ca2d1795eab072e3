import { ConfigError, combineConfigErrors, readEveryConfiguration } from './config-error';

const missing = (variable: string) => ({ variable, message: 'required in production' });

describe('configuration errors', () => {
  it('lists every problem, one a line, with its notes', () => {
    const error = new ConfigError([missing('A'), { variable: 'B', message: 'bad' }], ['a note']);
    expect(error.message).toBe(
      'Invalid configuration:\n  A: required in production\n  B: bad\na note',
    );
  });

  it('names a problem shared by several sources once, with the sources', () => {
    const error = combineConfigErrors([
      { source: 'users', error: new ConfigError([missing('SECRET'), missing('KEY')], ['n']) },
      { source: 'mailer', error: new ConfigError([missing('SECRET')], ['n']) },
    ]);
    expect(error.problems).toEqual([
      { variable: 'SECRET', message: 'required in production (users, mailer)' },
      { variable: 'KEY', message: 'required in production (users)' },
    ]);
    expect(error.notes).toEqual(['n']);
  });

  it('reads every configuration before reporting, and passes other errors through', () => {
    const readAfterFailure = jest.fn();
    const fail = (variable: string) => () => {
      throw new ConfigError([missing(variable)]);
    };
    let caught: unknown;
    try {
      readEveryConfiguration([
        { source: 'a', read: fail('A') },
        { source: 'b', read: readAfterFailure },
        { source: 'c', read: fail('C') },
      ]);
    } catch (error) {
      caught = error;
    }
    expect(readAfterFailure).toHaveBeenCalled();
    expect((caught as ConfigError).problems.map((problem) => problem.variable)).toEqual(['A', 'C']);
    const bug = new TypeError('not a configuration problem');
    expect(() =>
      readEveryConfiguration([
        {
          source: 'a',
          read: () => {
            throw bug;
          },
        },
      ]),
    ).toThrow(bug);
  });
});
