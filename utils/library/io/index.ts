/**
 * The library's data formats, for the library page: `exportLibrary` (JSON, BibTeX, CSV; the whole
 * library or a selection) and `importLibraryFile` (a Paperdex JSON export or a list of paper ids).
 */
export { exportLibrary, type ExportFormat, type ExportOptions, type ExportResult } from './export';
export { importLibraryFile, type ImportOptions, type ImportPhase, type ImportReport } from './import';
export { MAX_IMPORT_BYTES } from './read-text';
export { EXPORT_VERSION } from './json-format';
