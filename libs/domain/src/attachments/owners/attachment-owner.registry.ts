import { NotFoundProblem } from '@roundtable/core';
import type { AttachmentOwner } from './attachment-owner';

// Every owner kind, by path segment. An unknown kind is a 404, like an unknown route.
export class AttachmentOwnerRegistry {
  private readonly byKind = new Map<string, AttachmentOwner>();

  constructor(owners: AttachmentOwner[]) {
    for (const owner of owners) {
      if (this.byKind.has(owner.kind))
        throw new Error(`attachment owner kind ${owner.kind} registered twice`);
      this.byKind.set(owner.kind, owner);
    }
  }

  get(kind: string): AttachmentOwner {
    const owner = this.byKind.get(kind);
    if (!owner) throw new NotFoundProblem('Resource');
    return owner;
  }

  kinds(): string[] {
    return [...this.byKind.keys()];
  }
}
