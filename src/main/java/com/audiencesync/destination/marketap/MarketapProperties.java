package com.audiencesync.destination.marketap;

/**
 * Marketap's own settings, beside the shared connection
 * ({@code audience-sync.destinations.marketap.*}).
 *
 * @param projectId the {@code project_id} sent with every request; no default (env
 * {@code AUDIENCE_SYNC_DESTINATIONS_MARKETAP_PROJECT_ID})
 */
record MarketapProperties(String projectId) {
}
