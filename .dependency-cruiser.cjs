/**
 * The dependency rules (npm run lint runs them; so do npm test and CI):
 * no cycles; the plugin's core imports no domain folder; the devnet imports
 * nothing from the plugin's server; the app reaches the plugin only through
 * its package entries (hive-smt/core, hive-smt/markdown, hive-smt/strapi-server);
 * the plugin and the app reach the devnet only by its package name.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle means two modules are one concern, or a shared piece belongs in core/.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-imports-no-domain',
      severity: 'error',
      comment: 'core/ is what every domain folder builds on: it imports none of them.',
      from: { path: '^plugins/hive-smt/server/src/core/' },
      to: { path: '^plugins/hive-smt/server/src/', pathNot: '^plugins/hive-smt/server/src/core/' },
    },
    {
      name: 'devnet-imports-no-plugin-server',
      severity: 'error',
      comment: 'The devnet keeps its own copy of every protocol fact, taken from hived/hivemind/Hive-Engine: a wrong fact on one side must fail a test.',
      from: { path: '^packages/hive-devnet/' },
      to: { path: '^plugins/hive-smt/' },
    },
    {
      name: 'devnet-by-package-name',
      severity: 'error',
      comment:
        'The devnet is its own package (@quanzi/hive-devnet), optional at runtime: reached by its name, which resolves to its build, never into its source.',
      from: { path: '^(plugins/hive-smt|src|config)/' },
      to: { path: '^packages/hive-devnet/src/' },
    },
    {
      name: 'app-uses-plugin-package-entries',
      severity: 'error',
      comment: 'The app meets hive-smt at its package entries and typed services, never in its source.',
      from: { path: '^(src|config)/' },
      to: { path: '^plugins/hive-smt/(server|admin)/' },
    },
    {
      name: 'plugin-imports-no-app',
      severity: 'error',
      comment: 'hive-smt works in any Strapi app: it knows the app only through its configuration.',
      from: { path: '^plugins/hive-smt/' },
      to: { path: '^(src|config)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules|build|\\.tmp)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // hive-smt is linked into node_modules (a file: dependency): follow the link to where it lives.
    preserveSymlinks: false,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['require', 'types', 'default'], extensions: ['.ts', '.tsx', '.js', '.json'] },
  },
};
