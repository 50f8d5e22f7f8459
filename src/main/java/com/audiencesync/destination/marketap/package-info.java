/**
 * Marketap: bulk user profiles, bulk events, user deletion jobs and bulk device profiles,
 * 1,000 items a request, {@code Bearer} key and {@code ?project_id=} on every call. Its
 * sandbox emulator is in {@code emulator/}, which nothing here imports.
 */
package com.audiencesync.destination.marketap;
