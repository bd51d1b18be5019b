//! numbers: stub.
