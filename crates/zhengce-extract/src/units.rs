//! units: stub.
