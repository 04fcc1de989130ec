import type { EntityManager } from 'typeorm';
import type { GroupActor } from '../../access/group-actor';
import type { EventScope } from '../../access/visibility-sql';

// What an owner kind answers about one owner for one caller, after loading it THROUGH THE ACCESS
// POLICY (it throws the policy's 404 when the caller may not see the owner).
export interface ResolvedOwner {
  actor: GroupActor;
  groupId: string;
  // The owner's visibility, which the attachment's events and audit rows follow; null when every
  // member of the group may see the owner.
  scope: EventScope | null;
  // May the caller add files here? (403 with `forbiddenDetail` otherwise.)
  mayAttach: boolean;
  // May the caller delete anyone's files here? (Uploaders may always delete their own.)
  mayManage: boolean;
  forbiddenDetail: string;
  // For incident-scoped owners: downloads of a restricted incident's files go to its access log.
  confidentiality?: 'group' | 'restricted';
  // Set when the owner is read-only (approved minutes): adding or deleting files is a 409.
  frozenDetail?: string;
  // Set when the owner is an anonymous report (incident, its updates, non-compliance): files its
  // reporting organisation adds name nobody — not in `uploadedBy` to anyone outside that
  // organisation, not in the audit trail — or the file would name the witness the report hides.
  anonymousReporterOrganisationId?: string;
}

// The uploader is not named: an anonymous report's own organisation added the file, and the
// caller (when given) is outside it.
export function hidesUploader(owner: ResolvedOwner, uploaderOrganisationId: string, viewer?: GroupActor): boolean {
  const hidden = owner.anonymousReporterOrganisationId;
  if (!hidden || uploaderOrganisationId !== hidden) return false;
  return viewer ? viewer.organisationId !== hidden : true;
}

// One kind of object files can hang on: `POST /{kind}/{ownerId}/attachments`.
export interface AttachmentOwner {
  // The path segment and the stored owner_kind, e.g. 'incidents'.
  readonly kind: string;
  // For "… not found" (the same text the owner's own routes give).
  readonly label: string;
  resolve(em: EntityManager, userId: string, ownerId: string): Promise<ResolvedOwner>;
}
