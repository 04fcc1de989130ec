import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Storage = ReturnType<typeof getMetadataStorage>;
const CACHED = Symbol.for('roundtable.validationMetadataCache');

// class-validator looks up a class's rules (its own and inherited ones) by testing every
// registered class with `instanceof`, on every validate() call and for every nested object —
// typestack/class-validator#2686, still open. With a few hundred DTO classes that was about 2 % of
// an incident report's CPU, and Nest's ValidationPipe asks the same question again. The answer
// only changes when rules are registered (at class definition), so it is remembered per class
// and argument tuple, and forgotten whenever a rule is added.
export function cacheValidationMetadata(storage: Storage = getMetadataStorage()): void {
  const marked = storage as Storage & { [CACHED]?: true };
  if (marked[CACHED]) return;
  marked[CACHED] = true;
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let cache = new WeakMap<object, Map<string, ValidationMetadata[]>>();
  storage.addValidationMetadata = (metadata: ValidationMetadata) => {
    cache = new WeakMap();
    add(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = JSON.stringify([schema ?? null, always, strictGroups, groups ?? null]);
    let forTarget = cache.get(target);
    if (!forTarget) cache.set(target, (forTarget = new Map()));
    let found = forTarget.get(key);
    if (!found) forTarget.set(key, (found = lookUp(target, schema, always, strictGroups, groups)));
    return found;
  };
}
