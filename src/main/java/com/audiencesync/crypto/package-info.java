/**
 * Keys and what is computed with them, through Google Tink (no hand-written crypto):
 * keyed hashes (PRF) that let the sync state find a key without holding it, and AEAD that
 * seals what is kept at rest. Keysets come from files or environment variables
 * (Kubernetes Secrets); a local H2 repository gets a throwaway keyset that says so.
 */
package com.audiencesync.crypto;
