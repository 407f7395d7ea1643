// The board orders a rep's missions in JavaScript; it must be the order the databases give text
// (byte by byte in UTF-8), or two instances — or SQLite and PostgreSQL — would list them apart.
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { compareText } from '../../../src/server/repositories/board-reads.ts';

describe('compareText', () => {
  it('orders titles as SQLite’s BINARY collation does, emoji and private-use characters included', () => {
    const titles = [
      'Book 10 meetings',
      'book 10 meetings',
      'Book 10',
      'Book 10 meetings 😀',
      'Book 10 meetings \uFFFD',
      'Book 10 meetings \uE000',
      'Démos',
      'Demos',
      '电话 30',
      '',
      '𝐂alls',
      'Calls',
    ];
    const db = new DatabaseSync(':memory:');
    db.exec('CREATE TABLE t (title TEXT)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    for (const title of titles) insert.run(title);
    const bySqlite = db
      .prepare('SELECT title FROM t ORDER BY title')
      .all()
      .map((row) => String(row.title));
    db.close();
    expect([...titles].sort(compareText)).toEqual(bySqlite);
    // The plain UTF-16 order would put the emoji before U+FFFD and U+E000.
    expect([...titles].sort()).not.toEqual(bySqlite);
  });
});
