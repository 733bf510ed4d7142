package io.forkcast.shared.retention;

/** The kinds of rows kept only for a configurable time ({@code forkcast.retention.*}). */
public enum RetainedData {
    /** Publishing attempts of finished deliveries ({@code post_attempts}). */
    ATTEMPTS,
    /** Engagement figures over time ({@code engagement_snapshots}); each delivery keeps its latest figures. */
    ENGAGEMENT_SNAPSHOTS,
    /** Generated captions ({@code generated_captions}); captions a post published live on in the post. */
    CAPTIONS,
    /** The log of calls to outside services: token checks and refreshes with Graph ({@code token_refresh_history}). */
    OUTSIDE_CALLS,
    /** Data export archives, counted from when they were written; the export's row stays, marked expired. */
    EXPORTS,
    /** The audit trail: who changed what and when ({@code audit_events}). */
    AUDIT
}
