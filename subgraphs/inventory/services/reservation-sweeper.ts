import type { Logger } from '../../../lib/logger';
import { startPoller, type Poller } from '../../../lib/process/poller';
import type { ReservationService } from './reservation.service';

/**
 * Reports reservations past their expiry to orders every `intervalMs` (on every replica; they
 * share); orders' answer releases them.
 */
export function startReservationSweeper(
  reservations: ReservationService,
  intervalMs: number,
  logger: Logger,
): Poller {
  return startPoller({
    name: 'reservation-sweeper',
    intervalMs,
    logger,
    task: async () => {
      const lapsed = await reservations.expireDue();
      if (lapsed) logger.info({ lapsed }, 'reservations past their expiry reported');
    },
  });
}
