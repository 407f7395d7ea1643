// The window's keyboard shortcuts: which key runs which command, and the keys that run nothing.
import { describe, expect, it } from 'vitest';
import { shortcutFor, type KeyPress } from '../../../src/renderer/shortcuts.ts';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

/** Runs the shortcut a key finds against two missions on Today; returns what it did. */
function pressed(key: KeyPress, canUndo = true): string[] {
  const done: string[] = [];
  const commands = {
    missions: [{ mission: { id: 'first' } }, { mission: { id: 'second' } }],
    canUndo,
    logWin: (id: string) => done.push(`log ${id}`),
    undo: () => done.push('undo'),
    newMission: () => done.push('new mission'),
  };
  shortcutFor(key, commands)?.perform(key, commands);
  return done;
}

describe('keyboard shortcuts', () => {
  it('1 and 2 log a win on Today’s first and second mission', () => {
    expect(pressed(press('1'))).toEqual(['log first']);
    expect(pressed(press('2'))).toEqual(['log second']);
  });

  it('a digit with no mission behind it, 0, or a digit with Ctrl, ⌘ or Alt does nothing', () => {
    for (const key of [
      press('3'),
      press('0'),
      press('1', { ctrlKey: true }),
      press('1', { metaKey: true }),
      press('1', { altKey: true }),
    ])
      expect(pressed(key), JSON.stringify(key)).toEqual([]);
  });

  it('Ctrl+Z and ⌘Z undo the last win; with Shift they do not', () => {
    expect(pressed(press('z', { ctrlKey: true }))).toEqual(['undo']);
    expect(pressed(press('Z', { metaKey: true }))).toEqual(['undo']);
    expect(pressed(press('Z', { ctrlKey: true, shiftKey: true }))).toEqual([]);
    expect(pressed(press('z'))).toEqual([]);
  });

  it('Ctrl+Z does nothing when no win can be undone (its mission has ended)', () => {
    expect(pressed(press('z', { ctrlKey: true }), false)).toEqual([]);
  });

  it('N opens a new mission, with or without Shift, never with Ctrl', () => {
    expect(pressed(press('n'))).toEqual(['new mission']);
    expect(pressed(press('N', { shiftKey: true }))).toEqual(['new mission']);
    expect(pressed(press('n', { ctrlKey: true }))).toEqual([]);
  });
});
