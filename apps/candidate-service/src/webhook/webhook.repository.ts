import { writeOutbox } from '@closer/database';
import { OutboxEventType, outboxMessage } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import type { WebhookDeliveryModel, WebhookEndpointModel } from './webhook.model';

const ENDPOINT = `id, url, events, created_at AS "createdAt", disabled_at AS "disabledAt"`;
const DELIVERY = `id, event, status, attempts, last_status_code AS "lastStatusCode", last_error AS "lastError",
  created_at AS "createdAt", delivered_at AS "deliveredAt"`;

@Injectable()
export class WebhookRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Null when the organization already has `max` endpoints (checked under a lock on the organization). */
  create(
    organizationId: string,
    values: { url: string; events: string[]; secret: string },
    max: number,
  ): Promise<WebhookEndpointModel | null> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT 1 FROM organizations WHERE id = $1 FOR UPDATE', [organizationId]);
      const [{ count }] = await manager.query<[{ count: number }]>(
        'SELECT count(*)::int AS count FROM webhook_endpoints WHERE organization_id = $1',
        [organizationId],
      );
      if (count >= max) return null;
      const [row] = await manager.query<WebhookEndpointModel[]>(
        `INSERT INTO webhook_endpoints (organization_id, url, events, secret) VALUES ($1, $2, $3, $4) RETURNING ${ENDPOINT}`,
        [organizationId, values.url, values.events, values.secret],
      );
      return row;
    });
  }

  list(organizationId: string, limit: number): Promise<WebhookEndpointModel[]> {
    return this.dataSource.query(
      `SELECT ${ENDPOINT} FROM webhook_endpoints WHERE organization_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
      [organizationId, limit],
    );
  }

  /** Clears the failing streak with the disabling: the next failure starts a new day. */
  async enable(organizationId: string, id: string): Promise<WebhookEndpointModel | null> {
    const [rows] = await this.dataSource.query<[WebhookEndpointModel[], number]>(
      `UPDATE webhook_endpoints SET disabled_at = NULL, failing_since = NULL WHERE id = $1 AND organization_id = $2 RETURNING ${ENDPOINT}`,
      [id, organizationId],
    );
    return rows[0] ?? null;
  }

  /** Its deliveries go with it; a job still queued for one finds nothing and ends. */
  async delete(organizationId: string, id: string): Promise<boolean> {
    const [, affected] = await this.dataSource.query<[unknown, number]>(
      `DELETE FROM webhook_endpoints WHERE id = $1 AND organization_id = $2`,
      [id, organizationId],
    );
    return affected > 0;
  }

  /** Most recent first. */
  deliveries(endpointId: string, limit: number): Promise<WebhookDeliveryModel[]> {
    return this.dataSource.query(
      `SELECT ${DELIVERY} FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
      [endpointId, limit],
    );
  }

  /**
   * Back to PENDING with the same id and body, and a new job for it, in one transaction. Null
   * when the delivery is not in the organization.
   */
  redeliver(organizationId: string, deliveryId: string): Promise<WebhookDeliveryModel | null> {
    return this.dataSource.transaction(async (manager) => {
      const [rows] = await manager.query<[WebhookDeliveryModel[], number]>(
        `UPDATE webhook_deliveries SET status = 'PENDING', redelivered_at = now(), delivered_at = NULL
          WHERE id = $1 AND organization_id = $2 RETURNING ${DELIVERY}`,
        [deliveryId, organizationId],
      );
      const delivery = rows[0];
      if (!delivery) return null;
      await writeOutbox(manager, [outboxMessage(organizationId, OutboxEventType.WebhookRedeliveryRequested, { deliveryId })]);
      return delivery;
    });
  }
}
