import fs from 'node:fs';
import path from 'node:path';
import { CORE_KINDS } from '../plugin-api';
import { pluginTemplates } from './plugin-templates';

/** The longest name accepted: it becomes a metric key and a segment-key prefix, both bounded columns. */
const MAX_NAME_LENGTH = 64;
const KEBAB_CASE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** A name the scaffolder refuses; its message says why and what would work. */
export class ScaffoldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScaffoldError';
  }
}

/** Why `name` cannot be a new plugin under `pluginsDir`, or null when it can. */
export function pluginNameProblem(name: string, pluginsDir: string): string | null {
  if (!KEBAB_CASE.test(name)) {
    return `"${name}" is not a kebab-case name: use lower-case letters and digits in words joined by single hyphens, starting with a letter (e.g. "order-value-band")`;
  }
  if (name.length > MAX_NAME_LENGTH) return `"${name}" is longer than ${MAX_NAME_LENGTH} characters`;
  if (fs.existsSync(path.join(pluginsDir, name))) return `plugins/${name} already exists; pick another name or remove that folder`;
  if ((CORE_KINDS as readonly string[]).includes(name)) {
    return `"${name}" is a core metric kind (${CORE_KINDS.join(', ')}); the host reserves it, so pick another name (e.g. "${name}-model")`;
  }
  return null;
}

/** What `scaffoldPlugin` wrote. */
export interface ScaffoldResult {
  dir: string;
  files: string[];
}

/**
 * Writes a new working plugin `pluginsDir/<name>/` from the templates. Throws ScaffoldError for a
 * name that is not kebab-case, is reserved, or is taken; never overwrites anything.
 */
export function scaffoldPlugin(name: string, pluginsDir: string): ScaffoldResult {
  const problem = pluginNameProblem(name, pluginsDir);
  if (problem) throw new ScaffoldError(problem);
  const dir = path.join(pluginsDir, name);
  fs.mkdirSync(pluginsDir, { recursive: true });
  // Not recursive: fails if the folder appeared since the check, instead of writing into it.
  fs.mkdirSync(dir);
  const files = Object.entries(pluginTemplates(name)).map(([file, text]) => {
    const target = path.join(dir, file);
    fs.writeFileSync(target, text, { flag: 'wx' });
    return target;
  });
  return { dir, files };
}
