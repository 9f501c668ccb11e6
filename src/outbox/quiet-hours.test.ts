import {
  hasOwnQuietWindow,
  isQuietTime,
  operatorQuietWindow,
  quietHoldUntil,
  quietWindowOf,
} from './quiet-hours.js';

const madrid = { time_zone: 'Europe/Madrid', quiet_hours_start: null, quiet_hours_end: null };

describe('quiet hours', () => {
  it('holds a message at 23:30 local time until 08:00 the next morning', () => {
    const at = new Date('2027-02-10T22:30:00Z'); // 23:30 in Madrid (UTC+1)
    expect(quietHoldUntil(madrid, at)?.toISOString()).toBe('2027-02-11T07:00:00.000Z');
  });

  it('holds a message at 06:15 until 08:00 the same morning', () => {
    const at = new Date('2027-02-10T05:15:00Z');
    expect(quietHoldUntil(madrid, at)?.toISOString()).toBe('2027-02-10T07:00:00.000Z');
  });

  it('lets a message at 12:00 go at once', () => {
    expect(quietHoldUntil(madrid, new Date('2027-02-10T11:00:00Z'))).toBeUndefined();
  });

  it("uses the person's own window, including one that does not cross midnight", () => {
    const owner = { ...madrid, quiet_hours_start: '13:00', quiet_hours_end: '15:00' };
    const at = new Date('2027-02-10T12:30:00Z'); // 13:30 local
    expect(quietHoldUntil(owner, at)?.toISOString()).toBe('2027-02-10T14:00:00.000Z');
    expect(quietHoldUntil(owner, new Date('2027-02-10T22:30:00Z'))).toBeUndefined();
  });

  it('treats equal start and end as no quiet hours at all', () => {
    const owner = { ...madrid, quiet_hours_start: '00:00', quiet_hours_end: '00:00' };
    expect(quietHoldUntil(owner, new Date('2027-02-10T01:00:00Z'))).toBeUndefined();
  });

  it('ends the window at 08:00 local time across a daylight-saving change', () => {
    // Night of 2027-03-27 to 28: Madrid moves from UTC+1 to UTC+2 at 02:00.
    const at = new Date('2027-03-27T23:00:00Z'); // 00:00 local
    expect(quietHoldUntil(madrid, at)?.toISOString()).toBe('2027-03-28T06:00:00.000Z');
  });

  it('ignores a malformed stored window and falls back to the defaults', () => {
    const owner = { ...madrid, quiet_hours_start: '25:00', quiet_hours_end: '08:00' };
    expect(quietWindowOf(owner, { start: '22:00', end: '07:00' })).toEqual({
      start: '22:00',
      end: '07:00',
    });
    expect(hasOwnQuietWindow(owner)).toBe(false);
  });

  it("tells a person's own window from the operator's, even when the hours are the same", () => {
    const operator = operatorQuietWindow({ QUIET_HOURS_START: '21:00', QUIET_HOURS_END: '08:00' });
    const own = { ...madrid, quiet_hours_start: '21:00', quiet_hours_end: '08:00' };
    const none = { ...madrid, quiet_hours_start: null, quiet_hours_end: null };

    expect(quietWindowOf(own, operator)).toEqual(operator);
    expect(hasOwnQuietWindow(own)).toBe(true);
    expect(hasOwnQuietWindow(none)).toBe(false);
  });

  it('says whether a local time is inside a window, across midnight or not', () => {
    const night = { start: '21:00', end: '08:00' };
    expect(['21:00', '23:59', '00:00', '07:59'].map((t) => isQuietTime(t, night))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['08:00', '12:00', '20:59'].some((t) => isQuietTime(t, night))).toBe(false);
    expect(isQuietTime('13:30', { start: '13:00', end: '15:00' })).toBe(true);
    expect(isQuietTime('22:00', { start: '00:00', end: '00:00' })).toBe(false);
  });
});
