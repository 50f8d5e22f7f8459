/**
 * Keys and what is computed with them, through Google Tink (no hand-written crypto):
 * keyed hashes (PRF) that let the sync state find a key without holding it, AEAD that
 * seals what is kept at rest, and deterministic encryption of the fields a spec sends
 * encrypted. Keysets come from files or environment variables (Kubernetes Secrets) and
 * are rotated in place by {@code keys}; a local H2 repository gets a throwaway keyset
 * that says so.
 */
package com.audiencesync.crypto;
