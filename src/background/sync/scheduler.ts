/**
 * When sync runs: on an alarm every few minutes, shortly after local edits (one alarm, moved on by
 * each edit, so a burst of edits is one run), at browser startup, and from Sync now. Alarms
 * outlive the worker, which a timer would not. A run while sync is off sends nothing.
 */
import type { Alarms } from '../../shared/browser';

export const PERIODIC_ALARM = 'threadnote-sync';
export const SOON_ALARM = 'threadnote-sync-soon';
const PERIOD_MINUTES = 5;
/** Chrome's shortest alarm: edits are sent half a minute after the last one. */
const SOON_MINUTES = 0.5;

export function scheduleSync(alarms: Alarms.Static, run: () => Promise<unknown>): void {
  void alarms.get(PERIODIC_ALARM).then((alarm) => {
    if (!alarm) void alarms.create(PERIODIC_ALARM, { periodInMinutes: PERIOD_MINUTES });
  });
  alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === PERIODIC_ALARM || alarm.name === SOON_ALARM)
      void run().catch(() => undefined);
  });
}

export function syncSoon(alarms: Alarms.Static): void {
  void alarms.create(SOON_ALARM, { delayInMinutes: SOON_MINUTES });
}
