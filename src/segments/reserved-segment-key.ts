import type { GraphQLError } from 'graphql';
import { badInput } from '../graphql/errors';
import { pluginSegmentPrefix } from '../metrics/store/plugin-segments';

/**
 * Names the loaded plugin a segment key is reserved to, if any: every key starting with the
 * prefix under which a plugin publishes its PLUGIN segments (`rfm-*`), published yet or not.
 */
export type SegmentKeyOwner = (key: string) => string | undefined;

/** BAD_USER_INPUT on `key`, naming the key, the plugin it is reserved for and what to do instead. */
export function reservedKeyError(key: string, owner: string, arg: string, hint = 'choose another key'): GraphQLError {
  return badInput(
    `"${key}" is reserved for plugin "${owner}", which publishes its segments under keys starting with "${pluginSegmentPrefix(owner)}"; ${hint}`,
    { field: 'key' }, arg,
  );
}

/** For writers that run without plugins loaded (the demo seed, whose keys no plugin publishes). */
export const noReservedKeys: SegmentKeyOwner = () => undefined;
