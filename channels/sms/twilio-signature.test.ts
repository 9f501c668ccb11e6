import twilio from 'twilio';
import { twilioSignature } from './testing/twilio-signing.js';

/** The example in Twilio's "Webhooks security" documentation. */
const DOCUMENTED = {
  authToken: '12345',
  url: 'https://mycompany.com/myapp.php?foo=1&bar=2',
  params: {
    CallSid: 'CA1234567890ABCDE',
    Caller: '+12349013030',
    Digits: '1234',
    From: '+12349013030',
    To: '+18005551212',
  },
  signature: '0/KCTR6DLpKmkAf8muzZqo1nDgQ=',
};

describe("Twilio's webhook signature", () => {
  it("signs Twilio's documented example as the documentation says", () => {
    const { authToken, url, params, signature } = DOCUMENTED;
    expect(twilioSignature(authToken, url, params)).toBe(signature);
  });

  it("is what the twilio package accepts, and only for Twilio's URL and parameters", () => {
    const { authToken, url, params, signature } = DOCUMENTED;
    expect(twilio.validateRequest(authToken, signature, url, params)).toBe(true);
    expect(twilio.validateRequest(authToken, signature, `${url}&x=1`, params)).toBe(false);
    expect(twilio.validateRequest(authToken, signature, url, { ...params, Digits: '1235' })).toBe(
      false,
    );
  });
});
