// The layers of src/: cli -> app -> io -> core, each importing only layers to its right; runtime (the worker
// dispatcher) imports none of them. core (src/core and src/rules) is pure: strings and objects in, objects out.
// Run: npm run lint:layers. `process` is a global no import reveals: eslint.config.js forbids it in core.

const LAYERS = {
  core: '^src/(core|rules)/',
  io: '^src/io/',
  app: '^src/app/',
  cli: '^src/cli(/|\\.ts$)',
  runtime: '^src/runtime/',
};

/** A rule that `layer` imports nothing from `others`. */
const inward = (name, layer, others, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: LAYERS[layer] },
  to: { path: others.map((o) => LAYERS[o]) },
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-no-side-effects',
      comment: 'core reads no files and starts no threads or processes: app and io do, and hand it strings',
      severity: 'error',
      from: { path: LAYERS.core },
      to: { dependencyTypes: ['core'], path: '^(node:)?(fs|fs/promises|worker_threads|child_process|process)$' },
    },
    inward('core-inward-only', 'core', ['cli', 'app', 'io', 'runtime'], 'core depends on no outer layer'),
    inward('io-not-to-app-or-cli', 'io', ['app', 'cli'], 'io reads and writes files for app; it knows no use case nor the terminal'),
    inward('app-not-to-cli', 'app', ['cli'], 'use cases take options and callbacks; commander and the terminal stay in cli'),
    inward('runtime-standalone', 'runtime', ['core', 'app', 'io', 'cli'], 'the dispatcher runs the task modules it is given and imports none'),
    // one rule per layer: a cycle through any module outside the layer (group matching in `via` proved unreliable)
    ...Object.entries(LAYERS).map(([layer, path]) => ({
      name: `no-cycle-across-layers-${layer}`,
      comment: 'a cycle between layers makes them one layer',
      severity: 'error',
      from: { path },
      to: { circular: true, via: { pathNot: path } },
    })),
    {
      name: 'no-unresolvable',
      comment: 'an import the cruiser cannot resolve is one it cannot check',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // type-only imports count: a type from an outer layer ties core to it as much as a value does
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
