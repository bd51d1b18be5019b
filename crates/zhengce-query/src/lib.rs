//! zhengce-query: indexes extracted documents and answers researchers' questions.
//!
//! *Which targets for teachers are due in 2025, who owns them, how many per
//! district?* The extractor writes one `<stem>.json` [`Document`] per policy
//! document; this crate puts every target and every item of those documents
//! into a tantivy index and queries it:
//!
//! ```text
//! <stem>.json ─ index::index_dir ─▶ tantivy index (+ zhengce-index.json versions)
//!   QueryRequest ─ ZIndex::search ─▶ SearchResults (hits, matched words marked)
//!   QueryRequest ─ ZIndex::group  ─▶ Groups (count, and per unit: sum where it
//!                                    means something, min, max, median)
//!   hits, groups ─ format ─▶ table | json | ndjson | csv
//!   [Document] ─ Summary::from_documents ─▶ what `zhengce run` prints
//! ```
//!
//! Code map: [`schema`] (fields and format version), [`tokenizer`] (jieba with
//! the domain dictionary, index and query sides), [`index`] (building and
//! opening), [`search`] (requests and hits), [`group`] (group-by and facet
//! counting), [`columns`] (each segment's facet keys read once from the fast
//! fields into rows, which [`group`] counts with), [`order`] (document order,
//! the tie-break of every sort, read from those rows when they are in
//! memory), [`filters`] (the `doc_kind`, `kind` and year filters as bitsets
//! read with the rows), [`cancel`] (a flag that stops a running query), [`format`]
//! (output), [`summary`], [`error`].
//!
//! Architecture invariants: the index holds no logic of the extractor (it
//! reads the wire types only); an index is always opened through
//! [`ZIndex::open`], which refuses another format version with a "re-index"
//! error; a document is keyed by its id, so re-indexing replaces it whole.
//!
//! [`Document`]: zhengce_extract::model::Document

pub mod cancel;
pub mod columns;
pub mod error;
pub mod filters;
pub mod format;
pub mod group;
pub mod index;
pub mod order;
mod pages;
pub mod schema;
pub mod search;
pub mod summary;
pub mod tokenizer;

pub use cancel::Cancel;
pub use error::{QueryError, Result};
pub use format::{write_groups, write_hits, Format, HitJson, Style};
pub use group::{Facet, FacetCount, Facets, Group, GroupBy, Groups, UnitStats};
pub use index::{index_dir, read_documents, IndexReport, Indexer, ZIndex};
pub use search::{DocKind, EntryKind, Hit, QueryRequest, SearchResults, SortBy, YearRange};
pub use summary::Summary;
