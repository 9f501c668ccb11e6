/**
 * What one client counts as for the new-conversation limit: an IPv4 address, or an IPv6
 * address's /64, however the address is written.
 */
import { describe, expect, it } from '@jest/globals';
import { addressGroup } from './webchat-rate-limits.js';

describe('addressGroup', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::FFFF:127.0.0.1', '127.0.0.1'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff:0:0:1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['64:ff9b::192.0.2.33', '64:ff9b:0:0::/64'],
    ['unknown', 'unknown'],
  ])('counts %s as %s', (address, group) => {
    expect(addressGroup(address)).toBe(group);
  });

  it('puts every address of one /64 in one group, and other /64s in others', () => {
    expect(addressGroup('2001:db8:5:6::a')).toBe(addressGroup('2001:db8:5:6:ffff:1:2:3'));
    expect(addressGroup('2001:db8:5:6::a')).not.toBe(addressGroup('2001:db8:5:7::a'));
  });
});
