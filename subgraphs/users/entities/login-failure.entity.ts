import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One failed login, counted against a key (`account:<login>` or `ip:<address>`). Kept in
 * Postgres so every replica of the users service sees the same counts.
 */
@Entity('login_failures')
@Index(['key', 'failedAt'])
export class LoginFailure {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('text')
  key: string;

  @Column('timestamptz', { name: 'failed_at', default: () => 'now()' })
  failedAt: Date;
}
