import { DataSource, EntityManager } from 'typeorm';

// Retries a transaction that lost a serialisation race; other errors propagate unchanged.
export async function inTransaction<T>(
  ds: DataSource,
  work: (em: EntityManager) => Promise<T>,
  attempts = 3,
): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await ds.transaction(work);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (i < attempts && (code === '40001' || code === '40P01')) continue;
      throw e;
    }
  }
}
