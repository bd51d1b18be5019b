//! targets: stub.
use crate::clean::Cleaned;
use crate::model::{Meta, Target};
use crate::structure::Structure;
pub fn extract(_c: &Cleaned, _s: &Structure, _m: &Meta, _w: &[crate::segment::Word]) -> Vec<Target> { Vec::new() }
