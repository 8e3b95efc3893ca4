/**
 * Architecture rules, checked by `npm run lint` (part of `npm test`):
 * contracts and domain are pure; the web app never reaches into the server; no import cycles.
 */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', comment: 'Import cycles make modules impossible to reason about one at a time.', from: {}, to: { circular: true } },
    { name: 'web-not-to-server', severity: 'error', comment: 'The browser app talks to the server over HTTP only.', from: { path: '^src/web' }, to: { path: '^src/server' } },
    { name: 'domain-is-pure', severity: 'error', comment: 'Domain rules are pure functions: no server, web or I/O code.', from: { path: '^src/domain', pathNot: '\\.test\\.ts$' }, to: { path: '^src/(server|web)' } },
    { name: 'domain-no-io', severity: 'error', comment: 'Domain rules take their inputs (including the clock) as arguments.', from: { path: '^src/domain' }, to: { dependencyTypes: ['core'], path: '^(fs|net|http|https|child_process|worker_threads)$' } },
    { name: 'contracts-are-leaves', severity: 'error', comment: 'Contracts (zod schemas shared by server and web) depend on nothing of ours.', from: { path: '^src/contracts' }, to: { path: '^src/(server|web|domain)' } },
    { name: 'server-not-to-web', severity: 'error', from: { path: '^src/server' }, to: { path: '^src/web' } },
    { name: 'no-test-code-in-app', severity: 'error', comment: 'Test helpers stay out of production code.', from: { path: '^src/server', pathNot: '(\\.test\\.ts$|^src/server/test/)' }, to: { path: '^src/server/test/' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
  },
};
