/// The Watch module: the impact of catalogue revisions on current hires, permit-expiry alerts, the alert
/// outbox and its delivery (SMTP, webhooks, JSON lines) through libcurl.
///
/// The flow: a revision's keyed diff (``CatalogueChangeSet``) is joined with the hires registry by
/// ``ImpactAnalyzer``; the resulting ``AlertDraft``s go into the ``Outbox`` in the same transaction
/// as the revision, routed to the configured channels; ``Deliverer`` sends them after the commit and
/// keeps retrying, with backoff, until each receiver acknowledges. ``AlertPipeline`` ties it together.
public enum WatchModule {}
