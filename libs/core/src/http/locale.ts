import { registerDecorator, ValidationOptions } from 'class-validator';

// A BCP 47 language tag in its canonical form (`fr-cd` → `fr-CD`), or null when it is not one.
export function canonicalLocale(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 35) return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(value);
    return canonical ?? null;
  } catch {
    return null;
  }
}

// class-transformer: `@Transform(toCanonicalLocale)` before `@IsLocaleTag()`.
export const toCanonicalLocale = ({ value }: { value: unknown }): unknown => canonicalLocale(value) ?? value;

export function IsLocaleTag(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isLocaleTag',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a BCP 47 language tag such as fr or sw-CD', ...options },
      validator: { validate: (v: unknown) => canonicalLocale(v) === v },
    });
}
