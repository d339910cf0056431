import { lookup } from 'node:dns/promises';

import { CloserConfig } from '@closer/config';
import {
  type AddressLookup,
  generateWebhookSecret,
  resolveWebhookAddress,
  WebhookAddressError,
  type WebhookEvent,
  type WebhookUrlRules,
} from '@closer/domain';
import { LIST_LIMITS } from '@closer/query-limits';
import { Injectable } from '@nestjs/common';

import { isUuid } from '../common/input-validator';
import { pageSize } from '../common/pagination';
import { DomainError } from '../errors/domain-error';
import { requireAdmin } from '../identity/require-admin';
import type { Viewer } from '../identity/viewer';
import type { CreatedWebhookEndpointModel, WebhookDeliveryModel, WebhookEndpointModel } from './webhook.model';
import { WebhookRepository } from './webhook.repository';

const systemLookup: AddressLookup = (hostname) => lookup(hostname, { all: true, verbatim: true });

@Injectable()
export class WebhookService {
  /** Replaced in tests to play a DNS answer. */
  lookup: AddressLookup = systemLookup;
  private readonly rules: WebhookUrlRules;

  constructor(
    private readonly endpoints: WebhookRepository,
    config: CloserConfig,
  ) {
    const allowPrivate = config.webhooks.allowPrivateUrls;
    this.rules = { allowPrivate, requireHttps: config.isProduction && !allowPrivate };
  }

  /**
   * The URL is checked now (https and public addresses in production) and again at each delivery,
   * against the address then resolved.
   */
  async create(viewer: Viewer, url: string, events: WebhookEvent[]): Promise<CreatedWebhookEndpointModel> {
    requireAdmin(viewer);
    const problems: { field: string; message: string }[] = [];
    const trimmed = typeof url === 'string' ? url.trim() : '';
    try {
      await resolveWebhookAddress(trimmed, this.rules, this.lookup);
    } catch (error) {
      const message = error instanceof WebhookAddressError ? error.message.replace(/^url /, '') : 'host does not resolve';
      problems.push({ field: 'url', message });
    }
    const distinct = [...new Set(events ?? [])];
    if (distinct.length === 0) problems.push({ field: 'events', message: 'must name at least one event' });
    if (problems.length > 0) throw DomainError.invalid(problems);
    const secret = generateWebhookSecret();
    const endpoint = await this.endpoints.create(
      viewer.organizationId,
      { url: trimmed, events: distinct, secret },
      LIST_LIMITS.webhookEndpoints,
    );
    if (!endpoint) throw new DomainError('CONFLICT', `An organization has at most ${LIST_LIMITS.webhookEndpoints} webhook endpoints`);
    return { endpoint, secret };
  }

  list(viewer: Viewer): Promise<WebhookEndpointModel[]> {
    requireAdmin(viewer);
    return this.endpoints.list(viewer.organizationId, LIST_LIMITS.webhookEndpoints);
  }

  async enable(viewer: Viewer, id: string): Promise<WebhookEndpointModel> {
    requireAdmin(viewer);
    const endpoint = isUuid(id) ? await this.endpoints.enable(viewer.organizationId, id) : null;
    if (!endpoint) throw DomainError.notFound('Webhook endpoint');
    return endpoint;
  }

  async delete(viewer: Viewer, id: string): Promise<boolean> {
    requireAdmin(viewer);
    if (!(isUuid(id) && (await this.endpoints.delete(viewer.organizationId, id)))) throw DomainError.notFound('Webhook endpoint');
    return true;
  }

  /** At most 200; endpoints are listed to admins only, so their deliveries are too. */
  deliveries(endpointId: string, first: number | null): Promise<WebhookDeliveryModel[]> {
    return this.endpoints.deliveries(endpointId, pageSize('first', first, 20));
  }

  async redeliver(viewer: Viewer, deliveryId: string): Promise<WebhookDeliveryModel> {
    requireAdmin(viewer);
    const delivery = isUuid(deliveryId) ? await this.endpoints.redeliver(viewer.organizationId, deliveryId) : null;
    if (!delivery) throw DomainError.notFound('Webhook delivery');
    return delivery;
  }
}
