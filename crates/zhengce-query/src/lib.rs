//! zhengce-query: indexes extracted documents and answers researchers' questions.
//!
//! Filled in by the query issue; the extractor's JSON (`zhengce_extract::model`) is its input.
