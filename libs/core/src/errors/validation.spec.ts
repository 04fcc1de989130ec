import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, validateSync } from 'class-validator';
import { flattenValidationErrors, plainMessage } from './validation';

class ItemDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(5)
  title: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(600)
  durationMinutes?: number;

  @IsOptional()
  @IsInt({ context: { required: 'never shown: the field is optional' } })
  count?: number;
}

const errorsOf = (plain: object) =>
  flattenValidationErrors(
    validateSync(plainToInstance(ItemDto, plain), {
      whitelist: true,
      forbidNonWhitelisted: true,
      validationError: { target: false, value: true },
    }),
  );

describe('flattenValidationErrors', () => {
  it('says a missing or null field is required, once', () => {
    expect(errorsOf({})).toEqual([{ field: 'title', message: 'title is required' }]);
    expect(errorsOf({ title: null })).toEqual([{ field: 'title', message: 'title is required' }]);
  });
  it('reports the kind of value before its range', () => {
    expect(errorsOf({ title: 'ok', durationMinutes: '60' })).toEqual([
      { field: 'durationMinutes', message: 'durationMinutes must be a whole number' },
    ]);
    expect(errorsOf({ title: 5 })).toEqual([{ field: 'title', message: 'title must be text' }]);
  });
  it('says ranges and lengths plainly', () => {
    expect(errorsOf({ title: 'ok', durationMinutes: 0 })).toEqual([
      { field: 'durationMinutes', message: 'durationMinutes must be at least 1' },
    ]);
    expect(errorsOf({ title: 'too long' })).toEqual([
      { field: 'title', message: 'title must be at most 5 characters long' },
    ]);
  });
  it('names unknown fields', () => {
    expect(errorsOf({ title: 'ok', colour: 'red' })).toEqual([{ field: 'colour', message: 'unknown field' }]);
  });
  it('keeps messages a DTO wrote itself', () => {
    expect(plainMessage('title must not be empty')).toBe('title must not be empty');
    expect(plainMessage('each value in ids must be a string')).toBe('each value in ids must be text');
  });
});
