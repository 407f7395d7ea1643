import { describe, expect, it } from 'vitest';
import { csvField, exportJson, winsCsv } from '../../../../src/core/missions/export.ts';
import type { MissionsDoc } from '../../../../src/shared/documents.ts';
import type { Win } from '../../../../src/shared/mission.ts';
import { missionOf } from '../fixtures.ts';

const missions: MissionsDoc = {
  schemaVersion: 2,
  missions: [missionOf({ id: 'm1', title: '=HYPERLINK("http://evil")' })],
  timeOff: [{ date: '2026-11-25', kind: 'holiday' }],
  lastSeq: 3,
};
const wins: Win[] = [
  {
    id: 'b',
    missionId: 'm1',
    amount: 2,
    at: '2026-11-23T16:30:00.000Z',
    note: 'Acme, "big" deal\nfollow up',
    source: 'window',
    seq: 3,
  },
  { id: 'a', missionId: 'm1', amount: 1, at: '2026-11-23T08:05:00.000Z', source: 'tray', seq: 2 },
];
const input = {
  missions,
  wins,
  exportedAt: new Date('2026-11-24T10:00:00Z'),
  timeZone: 'America/New_York',
};

describe('export', () => {
  it('writes wins as CSV rows, oldest first, in the rep’s local time', () => {
    expect(winsCsv(input)).toBe(
      'date,time,mission,metric,amount,source,note,at,id\r\n' +
        `2026-11-23,03:05,"'=HYPERLINK(""http://evil"")",meetings,1,tray,,2026-11-23T08:05:00.000Z,a\r\n` +
        `2026-11-23,11:30,"'=HYPERLINK(""http://evil"")",meetings,2,window,"Acme, ""big"" deal\nfollow up",2026-11-23T16:30:00.000Z,b\r\n`,
    );
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+44 call')).toBe("'+44 call");
    expect(csvField('-5')).toBe("'-5");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('plain note')).toBe('plain note');
    expect(csvField(-5)).toBe('-5');
  });

  it('exports every mission and win as JSON that reads back the same', () => {
    const data: unknown = JSON.parse(exportJson(input));
    expect(data).toMatchObject({
      app: 'mission-tray',
      exportedAt: '2026-11-24T10:00:00.000Z',
      timeZone: 'America/New_York',
      missions: missions.missions,
      timeOff: [{ date: '2026-11-25', kind: 'holiday' }],
      wins: [wins[1], wins[0]],
    });
  });
});
