import Database from 'better-sqlite3';
import { keepPreparedStatements } from '../../src/sqlite/statement-cache';

describe('a better-sqlite3 connection keeping its prepared statements', () => {
  it('hands back the statement it prepared for the same SQL, which runs with new bindings', () => {
    const db = keepPreparedStatements(new Database(':memory:'));
    db.exec('CREATE TABLE t (id integer primary key, name text)');
    const insert = db.prepare('INSERT INTO t (name) VALUES (?)');
    expect(db.prepare('INSERT INTO t (name) VALUES (?)')).toBe(insert);
    insert.run('a');
    db.prepare('INSERT INTO t (name) VALUES (?)').run('b');
    expect(db.prepare('SELECT name FROM t WHERE id = ?').get(2)).toEqual({ name: 'b' });
    expect(db.prepare('SELECT name FROM t WHERE id = ?').get(1)).toEqual({ name: 'a' });
  });

  it('answers with the schema as it is now, after a change under a kept statement', () => {
    const db = keepPreparedStatements(new Database(':memory:'));
    db.exec('CREATE TABLE t (id integer primary key); INSERT INTO t (id) VALUES (1)');
    const kept = db.prepare('SELECT * FROM t');
    expect(kept.all()).toEqual([{ id: 1 }]);
    db.exec("ALTER TABLE t ADD COLUMN name text DEFAULT 'x'");
    const again = db.prepare('SELECT * FROM t');
    expect(again).toBe(kept);
    expect(again.all()).toEqual([{ id: 1, name: 'x' }]);
  });

  it('keeps at most `max` statements, dropping the least recently used', () => {
    const db = keepPreparedStatements(new Database(':memory:'), 2);
    const one = db.prepare('SELECT 1');
    const two = db.prepare('SELECT 2');
    expect(db.prepare('SELECT 1')).toBe(one);
    db.prepare('SELECT 3');
    // SELECT 2 was the least recently used: prepared anew; SELECT 1 was kept.
    expect(db.prepare('SELECT 2')).not.toBe(two);
    expect(db.prepare('SELECT 3')).toBe(db.prepare('SELECT 3'));
  });
});
