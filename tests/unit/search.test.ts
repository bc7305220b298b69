import { fts5Match, likePattern, searchTerms } from '../../src/search/terms';
import { highlight, snippet } from '../../src/search/snippet';

describe('searchTerms', () => {
  it('splits at spaces and punctuation, lower-cases, keeps Chinese runs whole', () => {
    expect(searchTerms('  School, GARDEN!  school ')).toEqual(['school', 'garden']);
    expect(searchTerms('学校花园，周六')).toEqual(['学校花园', '周六']);
    expect(searchTerms('！？…')).toEqual([]);
    expect(searchTerms('ＡＢＣ')).toEqual(['abc']);
  });

  it('quotes terms for FTS5 and escapes LIKE wildcards', () => {
    expect(fts5Match(['a"b', 'or'])).toBe('"a""b" AND "or"');
    expect(likePattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});

describe('snippets', () => {
  it('marks matches and escapes everything else', () => {
    expect(highlight('<b>Garden</b> day', ['garden'])).toBe('&lt;b&gt;<mark>Garden</mark>&lt;/b&gt; day');
    expect(highlight('学校花园日', ['花园'])).toBe('学校<mark>花园</mark>日');
  });

  it('shows a window around the first match with … where text was cut', () => {
    const text = `${'a'.repeat(200)} needle ${'b'.repeat(200)}`;
    const out = snippet(text, ['needle'], 60);
    expect(out.startsWith('…')).toBe(true);
    expect(out.endsWith('…')).toBe(true);
    expect(out).toContain('<mark>needle</mark>');
    expect(snippet('short text', ['zzz'])).toBe('short text');
  });
});
