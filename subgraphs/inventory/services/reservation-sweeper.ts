import type { Logger } from '../../../lib/logger';
import { startPoller, type Poller } from '../../../lib/process/poller';
import type { ReservationService } from './reservation.service';

/** Releases reservations past their expiry every `intervalMs` (on every replica; they share). */
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
      const released = await reservations.expireDue();
      if (released) logger.info({ released }, 'expired reservations released');
    },
  });
}
