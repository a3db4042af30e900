/**
 * cosign's tag convention (no OCI `subject`): the tag `sha256-<64 hex>.sig`, `.att` or `.sbom` names
 * the signature, attestation or SBOM of the manifest `sha256:<hex>`, in the same repository unless
 * the signer set COSIGN_REPOSITORY. The plan treats such a manifest like an OCI referrer of that
 * subject; unlike OCI referrers, ACR does not delete these with their subject, so the plan must.
 */
const COSIGN_TAG = /^sha256-([0-9a-f]{64})\.(sig|att|sbom)$/;

const KINDS = { sig: "signature", att: "attestation", sbom: "SBOM" } as const;

export type CosignTag = { tag: string; subjectDigest: string; kind: (typeof KINDS)[keyof typeof KINDS] };

export function parseCosignTag(tagName: string): CosignTag | null {
  const match = COSIGN_TAG.exec(tagName);
  if (match === null) return null;
  return { tag: tagName, subjectDigest: `sha256:${match[1]}`, kind: KINDS[match[2] as keyof typeof KINDS] };
}

export const isCosignTag = (tagName: string) => COSIGN_TAG.test(tagName);
