//! `ObjectRef`: which object, by namespace and name, where a pair of strings would be ambiguous.

use std::fmt;

/// A namespaced object named by its namespace and name (cluster-scoped objects leave the
/// namespace empty).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjectRef {
    pub namespace: String,
    pub name: String,
}

impl ObjectRef {
    pub fn new(namespace: &str, name: &str) -> Self {
        Self {
            namespace: namespace.to_owned(),
            name: name.to_owned(),
        }
    }
}

/// `namespace/name`, as kubectl and the app's keys write it.
impl fmt::Display for ObjectRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.namespace, self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_as_namespace_slash_name() {
        assert_eq!(ObjectRef::new("dev", "win11").to_string(), "dev/win11");
    }
}
