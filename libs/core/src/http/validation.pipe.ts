import { ValidationPipe } from '@nestjs/common';
import { validationProblem } from '../errors/validation';

// One global pipe: unknown fields are rejected, not ignored; errors become problem details.
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationProblem(errors),
  });
}
