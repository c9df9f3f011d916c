//! Crate-level docs.
//!
//! Second paragraph.
#![allow(dead_code)]

/// One line.
fn one() {}

/// First line.
///
/// After a blank doc line.
#[inline]
// a plain comment between doc and item
fn many() {}

/**
 * A block doc.
 *
 * With a star margin.
 */
pub struct Block;

/** Inline block doc. */
pub enum Inline {
    A,
}

// Not a doc comment.
fn plain() {}

//// Four slashes are not a doc either.
fn four() {}

/// Outer doc of the module.
pub mod documented {
    //! Inner doc of the module.

    /// Item in the module.
    pub const ANSWER: u32 = 42;
}

/// Trailing doc with no item after it is ignored.
