/**
 * For tests: signs a webhook the way Twilio documents it ("Webhooks security"): take the
 * full URL Twilio called, append each POST parameter's name and value sorted by name, HMAC
 * the result with SHA-1 keyed by the Auth Token, and send it base64-encoded in
 * `X-Twilio-Signature`. Written from the documentation, independently of the twilio package
 * the server uses to check it.
 */
import { createHmac } from 'node:crypto';

/** The X-Twilio-Signature for a form POST of `params` to `url`. */
export function twilioSignature(
  authToken: string,
  url: string,
  params: Record<string, string>,
): string {
  const data = Object.keys(params)
    .sort()
    .reduce((signed, name) => signed + name + params[name], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}
