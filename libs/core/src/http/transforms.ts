// class-transformer helpers shared by DTOs: `@Transform(trimString)`, `@Transform(queryBoolean)`.
export const trimString = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

// Query strings carry booleans as text; anything else is left for validation to reject.
export const queryBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;
