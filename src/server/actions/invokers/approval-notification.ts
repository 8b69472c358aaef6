import type { ActionRun, ApprovalNotification } from '../../../core/action.js';
import type { PrivateTargets } from '../../config.js';
import { retryAfterMs, sendHttp, RefusedTarget } from './http-send.js';
import { signWebhook } from './webhook.js';

export type NotificationResult =
  { kind: 'sent' } | { kind: 'retry' | 'failed'; reason: string; retryAfterMs?: number };

/** The message approvers get: Port's JSON shape, or a Slack incoming-webhook message. */
export function approvalMessage(
  notification: ApprovalNotification,
  run: ActionRun,
  approvers: string[],
  portalUrl: string | undefined,
) {
  const link = portalUrl ? `${portalUrl}/runs/${run.id}` : undefined;
  if (notification.format === 'slack') {
    const title = run.action.title ?? run.action.identifier;
    const where = run.entity ? ` on *${run.entity.title ?? run.entity.identifier}*` : '';
    return {
      text: `${run.createdBy} asks to run *${title}*${where}.${link ? ` Approve or decline: ${link}` : ''}`,
    };
  }
  return {
    type: 'APPROVAL_REQUESTED',
    run: {
      id: run.id,
      action: run.action,
      blueprint: run.blueprint ?? null,
      entity: run.entity ?? null,
      properties: run.properties,
      createdBy: run.createdBy,
      createdAt: run.createdAt,
      ...(link ? { link } : {}),
    },
    approvers,
  };
}

/** Sends the approvers' notification, signed like a run's webhook; 5xx and network errors retry. */
export async function sendApprovalNotification(
  url: string,
  message: unknown,
  tools: { signingKey(): Promise<string>; allowPrivate: PrivateTargets },
  runId: string,
  signal: AbortSignal,
): Promise<NotificationResult> {
  const body = JSON.stringify(message);
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const response = await sendHttp({
      url,
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'x-port-timestamp': String(timestamp),
        'x-port-signature': signWebhook(await tools.signingKey(), timestamp, body),
        'webhook-id': `approval:${runId}`,
      },
      signal,
      allowPrivate: tools.allowPrivate,
    });
    if (response.status >= 200 && response.status < 300) return { kind: 'sent' };
    const reason = `the approvers' webhook answered HTTP ${response.status}`;
    if (response.status !== 429 && response.status < 500) return { kind: 'failed', reason };
    const after = retryAfterMs(response.headers['retry-after']);
    return { kind: 'retry', reason, ...(after !== undefined ? { retryAfterMs: after } : {}) };
  } catch (error) {
    if (error instanceof RefusedTarget) return { kind: 'failed', reason: error.message };
    const code = (error as NodeJS.ErrnoException).code;
    return {
      kind: 'retry',
      reason: `the approvers' webhook could not be reached: ${code ?? (error as Error).message}`,
    };
  }
}
