use std::collections::{BTreeMap as Ordered, HashMap};
use std::fmt::{self, Display};
use std::io::prelude::*;
use crate::util::parse;
use self::local::helper;
use super::sibling::Thing;
use super::super::far;
pub use crate::model::{Node, Edge as Link};
use ::serde::Serialize;
use tokio::{self, sync::{mpsc, Mutex}};
use core::any::Any as _;
extern crate alloc as heap;

mod config;

mod local {
    pub fn helper() -> u8 {
        0
    }

    use super::*;
    use crate::util;
}

pub fn run() {
    let _m: HashMap<u8, u8> = HashMap::new();
    let _o: Ordered<u8, u8> = Ordered::new();
    parse("x");
    helper();
    Thing::make();
    far::go();
    fmt::format(format_args!(""));
    config::load();
    heap::alloc();
    mpsc::channel::<u8>(1);
}

pub fn nested_use() {
    use std::mem::take;
    let mut v = vec![1];
    take(&mut v);
}
