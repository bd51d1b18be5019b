//! segment: stub.
pub struct Segmenter;
impl Segmenter { pub fn new() -> Self { Segmenter } pub fn tag_lines(&self, _t: &str) -> Vec<()> { Vec::new() } }
