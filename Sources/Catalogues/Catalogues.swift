/// The Catalogues module: provincial catalogues as data.
///
/// ```
/// rencai.yaml sources: ─► CatalogueSource ─► CatalogueWatcher.check ─► PortalClient (libcurl, Portals)
///      notice_list: HTMLPage links ─► notice ─► attachment (xlsx/csv) or its own table
///      bytes ─► CatalogueParser (HTMLPage/libxml2 · XLSXReader · CSVReader) ─► CellGrid
///      CellGrid ─► CatalogueBuilder (header, key/title/row-number columns, findings) ─► Catalogue
///      Catalogue ─► RevisionStore.record: CatalogueDiff against the baseline; a new revision only when
///                   rows changed, with `alongside` work (the alerts outbox) in the same transaction
/// ```
///
/// Blocks and errors only update the source's state (`catalogue_source`); they never create a revision nor
/// move the baseline. `WatchScheduler` runs checks on the sources' intervals until a `StopSignal`.
public enum CataloguesModule {}
