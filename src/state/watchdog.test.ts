import { describe, expect, it } from 'vitest';
import { ACK_MS, BUSY_SILENCE_MS, IDLE_SILENCE_MS, judge } from './watchdog';

describe('the worker watchdog', () => {
  it('call sent, never acknowledged: the worker is gone after ACK_MS, and the call never started', () => {
    const call = { sentAt: 1_000, acked: false };
    expect(judge(1_000 + ACK_MS, 0, [call])).toEqual({ alive: true });
    const v = judge(1_000 + ACK_MS + 1, 0, [call]);
    expect(v).toMatchObject({ alive: false, unstarted: true });
    expect(v.alive === false && v.reason).toMatch(/had stopped/);
  });

  it('acknowledged, then a long step: no restart during 45 s of silence, one after', () => {
    const call = { sentAt: 0, acked: true };
    for (const t of [ACK_MS + 1, 10_000, 30_000, BUSY_SILENCE_MS]) expect(judge(t, 0, [call]), `at ${t} ms`).toEqual({ alive: true });
    expect(judge(BUSY_SILENCE_MS + 1, 0, [call])).toMatchObject({ alive: false, unstarted: false });
  });

  it('a second call waiting behind a busy one is not judged by the acknowledgement rule', () => {
    const busy = { sentAt: 0, acked: true },
      waiting = { sentAt: 1_000, acked: false };
    expect(judge(20_000, 0, [busy, waiting])).toEqual({ alive: true });
  });

  it('a worker that has never spoken is starting (loading its module): judged by silence, not by acknowledgement', () => {
    const call = { sentAt: 0, acked: false };
    expect(judge(10_000, 0, [call], false)).toEqual({ alive: true });
    expect(judge(BUSY_SILENCE_MS + 1, 0, [call], false)).toMatchObject({ alive: false, unstarted: false });
  });

  it('idle: silence is judged by the idle limit', () => {
    expect(judge(IDLE_SILENCE_MS, 0, [])).toEqual({ alive: true });
    expect(judge(IDLE_SILENCE_MS + 1, 0, [])).toMatchObject({ alive: false, unstarted: false });
  });
});
