import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Mentioning `process` in core is how core would come to depend on the machine it runs on. */
const NO_PROCESS = 'core is pure: take what you need from process (env, cwd, argv, platform) as a parameter from app or cli';

export default defineConfig([
  // what .gitignore names: compiled, generated or scratch output
  globalIgnores(['lib/', 'dist/', 'coverage/', '.weekly-cache/', 'out/', 'tmp/', 'test-artifacts/', 'scratch/']),
  // hostile inputs the robustness tests feed to weekly (a config file that runs code), not project code
  globalIgnores(['test/bad-inputs/files/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  // everything here runs on Node: the CLI, its tests, benches and scripts
  {
    languageOptions: { globals: globals.node },
    // `const { drop, ...rest } = x` is how a key is left out of a copy
    rules: { '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }] },
  },
  {
    files: ['src/core/**', 'src/rules/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: NO_PROCESS }],
      'no-restricted-properties': ['error', { object: 'globalThis', property: 'process', message: NO_PROCESS }],
    },
  },
]);
