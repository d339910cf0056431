import type { WebhookEvent } from '@closer/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface DeliveryTarget {
  id: string;
  endpointId: string;
  event: WebhookEvent;
  data: Record<string, unknown>;
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
  createdAt: Date;
  url: string;
  secret: string;
  endpointDisabled: boolean;
}

export interface FailedAttempt {
  statusCode: number | null;
  error: string;
  /** No retry follows: the delivery is FAILED. */
  final: boolean;
  /** The endpoint is disabled once its deliveries have failed for this long without a success. */
  disableAfterMs: number;
}

@Injectable()
export class WebhookDeliveryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(deliveryId: string): Promise<DeliveryTarget | null> {
    const [row] = await this.dataSource.query<DeliveryTarget[]>(
      `SELECT d.id, d.endpoint_id AS "endpointId", d.event, d.data, d.status, d.created_at AS "createdAt",
              e.url, e.secret, e.disabled_at IS NOT NULL AS "endpointDisabled"
         FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
        WHERE d.id = $1`,
      [deliveryId],
    );
    return row ?? null;
  }

  /** The attempt succeeded: the delivery is done and the endpoint is no longer failing. */
  async delivered(target: DeliveryTarget, statusCode: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE webhook_deliveries SET status = 'DELIVERED', attempts = attempts + 1, last_status_code = $2, last_error = NULL,
                delivered_at = now()
          WHERE id = $1`,
        [target.id, statusCode],
      );
      await manager.query(`UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL`, [
        target.endpointId,
      ]);
    });
  }

  /**
   * Records a failed attempt; the endpoint's failing streak starts with its first failure after a
   * success, and an endpoint failing for `disableAfterMs` is disabled until an admin enables it.
   */
  async failed(target: DeliveryTarget, attempt: FailedAttempt): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE webhook_deliveries SET attempts = attempts + 1, last_status_code = $2, last_error = $3,
                status = CASE WHEN $4 THEN 'FAILED' ELSE status END
          WHERE id = $1 AND status = 'PENDING'`,
        [target.id, attempt.statusCode, attempt.error.slice(0, 200), attempt.final],
      );
      await manager.query(
        `UPDATE webhook_endpoints
            SET failing_since = COALESCE(failing_since, now()),
                disabled_at = CASE WHEN disabled_at IS NULL AND failing_since <= now() - make_interval(secs => $2 / 1000.0)
                                   THEN now() ELSE disabled_at END
          WHERE id = $1`,
        [target.endpointId, attempt.disableAfterMs],
      );
    });
  }

  /** Not attempted: the endpoint was disabled after the event. */
  async skipped(target: DeliveryTarget, reason: string): Promise<void> {
    await this.dataSource.query(`UPDATE webhook_deliveries SET status = 'FAILED', last_error = $2 WHERE id = $1 AND status = 'PENDING'`, [
      target.id,
      reason,
    ]);
  }
}
