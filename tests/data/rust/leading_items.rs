//! Attributes and doc comments before items, in every container.

/// A store of things.
// A plain comment between the doc and the attribute.
#[derive(Debug, Clone)]
/// More documentation after the attribute.
pub struct Store<T> {
    items: Vec<T>,
}

pub trait Named {
    /// The name.
    fn name(&self) -> String;
}

#[cfg(test)]
//! Not a doc comment for the next item.
fn after_inner_doc() {}

impl<T: Named + Clone> Store<T> {
    /// Every name, in order.
    #[inline]
    pub fn names(&self) -> Vec<String> {
        let mut out = Vec::new();
        for item in self.items.iter() {
            out.push(item.name());
        }
        let first = |x: &T| x.name();
        if let Some(i) = self.items.first() {
            out.push(first(i));
        }
        out
    }

    // Not documentation.
    fn helper(t: T) -> String {
        /// A nested item's documentation.
        #[allow(dead_code)]
        fn inner() -> u8 {
            1
        }
        inner();
        t.name()
    }
}

fn closures() -> u8 {
    let a = |x: u8| {
        /// Inside a closure.
        fn deep() -> u8 {
            2
        }
        let b = |y: u8| y + deep();
        b(x)
    };
    a(1)
}
