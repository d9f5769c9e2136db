/** One push to one device, as the product means it (the FCM client makes the wire message of it). */
export type PushMessage = {
  token: string
  platform: 'android' | 'ios'
  title: string
  body: string
  /** Strings only (FCM's rule): the notification id, its type and its deep link. */
  data: Record<string, string>
  /** critical and high ring at once (Android HIGH, APNs 10); normal may wait for the phone (NORMAL, 5). */
  priority: 'critical' | 'high' | 'normal'
  /** How long it is still worth delivering, from now. */
  ttlSeconds: number
  /** A newer push with the same key replaces the older one on the phone. */
  collapseKey?: string
}

/** What came of one push, in the terms the dispatcher acts on. */
export type PushOutcome =
  /** Accepted: FCM's message name. */
  | { sent: string }
  /** The token is dead or not ours (UNREGISTERED, a bad token, another sender's): remove the device. */
  | { invalidToken: string }
  /** Try again after this long (429 and 503 with their Retry-After, other 5xx with backoff). */
  | { retryAfterSeconds: number; reason: string }
  /** Refused for good (a message FCM will never take). */
  | { failed: string }
  /** No answer: perhaps delivered, so never sent again. */
  | { unknown: string }

/** Pushes to phones: FCM HTTP v1 (iOS through FCM's APNs block). */
export interface PushSender {
  send(message: PushMessage): Promise<PushOutcome>
}
