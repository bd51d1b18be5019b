//! meta: stub.
use crate::clean::Cleaned;
use crate::model::Meta;
use crate::raw::DocProps;
pub fn extract(_c: &Cleaned, _p: &DocProps) -> Meta { Meta::default() }
