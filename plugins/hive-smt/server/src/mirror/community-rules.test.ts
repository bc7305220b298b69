import { communityPostingProblem } from './community-rules';

describe('communityPostingProblem (hivemind process_community_post)', () => {
  const root = { account: 'maple-school', isComment: false };
  const reply = { account: 'maple-school', isComment: true };

  it('lets anyone post and comment in a topic community', () => {
    expect(communityPostingProblem({ name: 'hive-100001', typeId: 1, role: 'guest' }, root)).toBeNull();
    expect(communityPostingProblem({ name: 'hive-100001', typeId: 1, role: 'guest' }, reply)).toBeNull();
  });

  it('holds root posts of non-members in a journal, not their comments', () => {
    expect(communityPostingProblem({ name: 'hive-200001', typeId: 2, role: 'guest' }, root)).toMatch(/journal community.*"member" role/);
    expect(communityPostingProblem({ name: 'hive-200001', typeId: 2, role: 'guest' }, reply)).toBeNull();
    expect(communityPostingProblem({ name: 'hive-200001', typeId: 2, role: 'member' }, root)).toBeNull();
  });

  it('holds posts and comments of non-members in a council', () => {
    expect(communityPostingProblem({ name: 'hive-300001', typeId: 3, role: 'guest' }, reply)).toMatch(/council/);
    expect(communityPostingProblem({ name: 'hive-300001', typeId: 3, role: 'muted' }, root)).toMatch(/"muted"/);
    expect(communityPostingProblem({ name: 'hive-300001', typeId: 3, role: 'mod' }, reply)).toBeNull();
  });
});
