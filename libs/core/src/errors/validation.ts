import { ValidationError } from 'class-validator';
import { BadRequestProblem } from './app-errors';
import { FieldError } from './problem';

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    for (const message of Object.values(e.constraints ?? {})) {
      // class-validator's whitelist message is "property x should not exist"; say it plainly.
      out.push({
        field,
        message: message.startsWith(`property ${e.property} should not exist`) ? 'unknown field' : message,
      });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

export function validationProblem(errors: ValidationError[]): BadRequestProblem {
  const list = flattenValidationErrors(errors);
  return new BadRequestProblem(
    list.length === 1 ? `${list[0].field}: ${list[0].message}` : 'The request is invalid',
    list,
  );
}
