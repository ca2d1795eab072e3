import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Role } from '../generated/resolvers-types';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-case; unique. */
  @Column('text', { unique: true })
  email: string;

  /** E.164; unique when present. */
  @Column('text', { unique: true, nullable: true })
  phone: string | null;

  @Column('text', { name: 'password_hash' })
  passwordHash: string;

  @Column('text', { name: 'display_name' })
  displayName: string;

  /**
   * The SDL's `Role` (lib/auth/caller.ts spells the token's roles, and lib imports no service):
   * tokens are signed from this and accounts created from that, so the two fail typecheck as
   * soon as they differ. The migration's CHECK is the database's copy.
   */
  @Column('text')
  role: Role;

  @Column('timestamptz', { name: 'email_verified_at', nullable: true })
  emailVerifiedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
