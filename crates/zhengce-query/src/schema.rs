//! schema: the tantivy fields of a zhengce index, and the version written beside them.
//!
//! One tantivy document is either a *target* (`doc_kind = target`) or an *item*
//! (`doc_kind = item`: a numbered item, paragraph or table row). Both carry the
//! document id (the file stem, the key re-indexing deletes by), the section
//! path, owners and a searchable `text`; targets add the numbers.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST, STORED,
    STRING,
};

use crate::tokenizer::TOKENIZER_NAME;

/// Version of the index layout (fields, tokenizer). Bump it whenever either changes:
/// an index of another version is refused with a "re-index" error.
pub const FORMAT_VERSION: u32 = 3;

/// The file written beside tantivy's files that names the versions of an index.
pub const META_FILE: &str = "zhengce-index.json";

/// `doc_kind` of a target entry.
pub const KIND_TARGET: &str = "target";
/// `doc_kind` of an item entry.
pub const KIND_ITEM: &str = "item";

/// Handles of every field of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// `target` or `item` (raw, fast).
    pub doc_kind: Field,
    /// The document id: the file stem (raw, fast; the re-index key).
    pub doc: Field,
    /// Position in the document among entries of the same kind (fast): document order.
    pub seq: Field,
    /// The searchable text (jieba): quote + sentence + subject, or an item's title + text.
    pub text: Field,
    pub subject: Field,
    /// The heading path, one value per heading (jieba, stored).
    pub section: Field,
    pub title: Field,
    /// The document's region (raw, fast: a facet).
    pub region: Field,
    /// The document's issuers, one raw term each (multi-valued, fast: a facet).
    pub issuers: Field,
    /// Due year (i64, fast, range-queryable); items carry the years of their targets.
    pub year: Field,
    pub value: Field,
    pub value_max: Field,
    pub unit: Field,
    pub comparator: Field,
    /// `target`/`achievement` for a target; `numbered`/`paragraph`/`table_row` for an item.
    pub kind: Field,
    /// Owning units, one raw term each (multi-valued, fast): `--owner-exact`, group-by.
    pub owners: Field,
    /// The words of the owning units (jieba, not stored): `--owner 教育局` finds `市教育局`.
    pub owner_words: Field,
    /// The quote of a target, the text of an item.
    pub quote: Field,
    pub sentence: Field,
    pub quote_start: Field,
    pub quote_end: Field,
    /// The target id (`q3`) or item id (`i7`).
    pub entry_id: Field,
    /// The item a target belongs to, or the item itself.
    pub item: Field,
    pub sha256: Field,
}

/// Builds the schema and its field handles.
pub fn build_schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let raw = STRING | STORED | FAST;
    let jieba = TextFieldIndexing::default()
        .set_tokenizer(TOKENIZER_NAME)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let text_opts = TextOptions::default().set_indexing_options(jieba);
    let number = NumericOptions::default().set_indexed().set_fast().set_stored();
    let stored_u64 = NumericOptions::default().set_stored();
    let fields = Fields {
        doc_kind: b.add_text_field("doc_kind", raw.clone()),
        doc: b.add_text_field("doc", raw.clone()),
        seq: b.add_u64_field("seq", NumericOptions::default().set_fast().set_stored()),
        text: b.add_text_field("text", text_opts.clone()),
        subject: b.add_text_field("subject", STORED),
        section: b.add_text_field("section", text_opts.clone().set_stored()),
        title: b.add_text_field("title", STORED),
        region: b.add_text_field("region", raw.clone()),
        issuers: b.add_text_field("issuers", raw.clone()),
        year: b.add_i64_field("year", number.clone()),
        value: b.add_f64_field("value", number.clone()),
        value_max: b.add_f64_field("value_max", number),
        unit: b.add_text_field("unit", raw.clone()),
        comparator: b.add_text_field("comparator", STRING | STORED),
        kind: b.add_text_field("kind", raw.clone()),
        owners: b.add_text_field("owners", raw),
        owner_words: b.add_text_field("owner_words", text_opts.clone()),
        quote: b.add_text_field("quote", STORED),
        sentence: b.add_text_field("sentence", STORED),
        quote_start: b.add_u64_field("quote_start", stored_u64.clone()),
        quote_end: b.add_u64_field("quote_end", stored_u64),
        entry_id: b.add_text_field("entry_id", STRING | STORED),
        item: b.add_text_field("item", STRING | STORED),
        sha256: b.add_text_field("sha256", STRING | STORED),
    };
    (b.build(), fields)
}

/// The versions stored in [`META_FILE`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IndexMeta {
    pub format_version: u32,
    /// The extractor's JSON schema version ([`zhengce_extract::model::SCHEMA_VERSION`]).
    pub schema_version: String,
}

impl IndexMeta {
    /// The versions this build writes and reads.
    pub fn current() -> Self {
        IndexMeta {
            format_version: FORMAT_VERSION,
            schema_version: zhengce_extract::model::SCHEMA_VERSION.to_string(),
        }
    }
}
