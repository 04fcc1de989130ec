import { ValidationPipe } from '@nestjs/common';
import { validationProblem } from '../errors/validation';
import { cacheValidationMetadata } from './validation-metadata-cache';

// One global pipe: unknown fields are rejected, not ignored; errors become problem details.
export function createValidationPipe(): ValidationPipe {
  cacheValidationMetadata();
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // Values are read to tell a missing field from a wrong one; they are never echoed back.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => validationProblem(errors),
  });
}
