//! structure: stub.
use crate::clean::Cleaned;
use crate::model::{Item, Section, Table};
use crate::segment::Segmenter;
#[derive(Default)]
pub struct Structure { pub sections: Vec<Section>, pub items: Vec<Item>, pub tables: Vec<Table> }
impl Structure { pub fn all_units(&self) -> Vec<String> { Vec::new() } }
pub fn analyze(_c: &Cleaned, _w: &[crate::segment::Word], _s: &Segmenter) -> Structure { Structure::default() }
