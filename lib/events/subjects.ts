import { STREAMS, type EventType, type StreamName } from './catalogue';

/**
 * Names of subjects and streams under one prefix. The prefix has no default here: every caller
 * passes the configured one, so two deployments or test runs never share channels by accident.
 */
export class Subjects {
  constructor(readonly prefix: string) {}

  event(type: EventType): string {
    return `${this.prefix}.${type}`;
  }

  /** Where a consumer parks an event it gave up on. */
  deadLetter(consumer: string): string {
    return `${this.prefix}.deadletter.${consumer}`;
  }

  stream(name: StreamName | 'DEADLETTER'): string {
    return `${this.prefix.toUpperCase()}_${name}`;
  }

  streamSubjects(name: StreamName | 'DEADLETTER'): string[] {
    const domain = name === 'DEADLETTER' ? 'deadletter' : STREAMS[name];
    return [`${this.prefix}.${domain}.>`];
  }

  /** Every stream, dead letters included. */
  allStreams(): Array<StreamName | 'DEADLETTER'> {
    return [...(Object.keys(STREAMS) as StreamName[]), 'DEADLETTER'];
  }
}
