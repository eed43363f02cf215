import { Option } from 'commander';

/** `-c, --config`: every command that reads notes takes it. */
export const configOption = () => new Option('-c, --config <file>', 'config file (default: weekly.config.yaml/.yml/.json, looked for up to the repository root)');

/** `--encoding`: every command that reads notes takes it; it overrides the config's `encoding`. */
export const encodingOption = () => new Option('--encoding <encoding>', "text encoding of the notes (default: the config's `encoding`, else utf8)").choices(['utf8', 'gbk']);
