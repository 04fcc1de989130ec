import { ValidateIf } from 'class-validator';

// Optional means "may be left out" — an explicit null is invalid, never a silent NULL write.
export const Omittable = () => ValidateIf((_o, v) => v !== undefined);
// May be left out or set to null (clears the value).
export const Nullable = () => ValidateIf((_o, v) => v !== undefined && v !== null);

export const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const oneOf = (name: string, values: readonly string[]) => ({
  message: `${name} must be one of: ${values.join(', ')}`,
});
export const dateMessage = (name: string) => ({ message: `${name} must be a calendar date YYYY-MM-DD` });
