import { getMetadataStorage, IsInt, IsString, MaxLength, MinLength, validateSync } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache';

class Base {
  @IsString() name!: string;
}
class Child extends Base {
  @IsInt() count!: number;
}

const errors = (o: object) => validateSync(o, { forbidUnknownValues: true }).map((e) => e.property);

describe('cacheValidationMetadata', () => {
  const storage = getMetadataStorage();
  cacheValidationMetadata();

  it('validates own and inherited rules as before, asking class-validator once per class', () => {
    const scan = jest.spyOn(Map.prototype, 'entries');
    const child = () => Object.assign(new Child(), { name: 7, count: 'x' });
    expect(errors(child())).toEqual(['count', 'name']);
    scan.mockClear();
    expect(errors(child())).toEqual(['count', 'name']);
    expect(errors(Object.assign(new Base(), { name: 'ok' }))).toEqual([]);
    // The inherited-rule search walks the storage's Map of every class: not again for known ones.
    const scansAfterWarmUp = scan.mock.calls.length;
    expect(errors(child())).toEqual(['count', 'name']);
    expect(scan.mock.calls.length).toBe(scansAfterWarmUp);
    scan.mockRestore();
  });

  it('sees a rule added later, to a new class or to one already looked up', () => {
    expect(errors(Object.assign(new Base(), { name: 'a-rather-long-name' }))).toEqual([]);
    // A decorator applied after the first lookup (what a lazily loaded module would do).
    MaxLength(5)(Base.prototype, 'name');
    expect(errors(Object.assign(new Base(), { name: 'a-rather-long-name' }))).toEqual(['name']);
    class Later extends Child {
      @MinLength(3) label!: string;
    }
    expect(errors(Object.assign(new Later(), { name: 'abc', count: 1, label: 'x' }))).toEqual(['label']);
  });

  it('is installed once however often it is called', () => {
    const before = storage.getTargetValidationMetadatas;
    cacheValidationMetadata();
    expect(storage.getTargetValidationMetadatas).toBe(before);
  });
});
