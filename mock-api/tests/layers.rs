//! The server's layers as `src/main.rs` lists them, checked in its source: a module uses only
//! the layers below its own, and no modules use each other in a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The layers, lowest first; each is a folder of `src/`.
const LAYERS: &[&str] = &[
    "kube",
    "admission",
    "store",
    "state",
    "controllers",
    "console",
    "cluster",
    "http",
];

/// Every module of the layers, by path (`http::api`), with its source up to its tests.
fn modules() -> BTreeMap<String, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut modules = BTreeMap::new();
    for layer in LAYERS {
        collect(&src.join(layer), layer, &mut modules);
    }
    modules
}

fn collect(dir: &Path, module: &str, modules: &mut BTreeMap<String, String>) {
    let entries = fs::read_dir(dir).unwrap_or_else(|err| panic!("{}: {err}", dir.display()));
    for entry in entries.map(|entry| entry.expect("a readable folder entry").path()) {
        let stem = entry
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a UTF-8 name");
        if entry.is_dir() {
            collect(&entry, &format!("{module}::{stem}"), modules);
        } else if entry.extension().is_some_and(|e| e == "rs") {
            let source = fs::read_to_string(&entry).expect("a readable source file");
            let before_tests = source.split("#[cfg(test)]").next().unwrap_or_default();
            let name = match stem {
                "mod" => module.to_owned(),
                _ => format!("{module}::{stem}"),
            };
            modules.insert(name, before_tests.to_owned());
        }
    }
}

/// The known module a path names: the longest known prefix of it.
fn resolve(path: &str, modules: &BTreeMap<String, String>) -> Option<String> {
    let parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
    (1..=parts.len())
        .rev()
        .map(|n| parts[..n].join("::"))
        .find(|candidate| modules.contains_key(candidate))
}

/// The modules one module uses: through `crate::` paths (braced groups too), and its own
/// submodules where it names them.
fn uses(module: &str, modules: &BTreeMap<String, String>) -> BTreeSet<String> {
    let source = &modules[module];
    let mut used = BTreeSet::new();
    for (at, _) in source.match_indices("crate::") {
        let rest = &source[at + "crate::".len()..];
        let path_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(rest.len());
        let path = &rest[..path_len];
        if rest[path_len..].starts_with('{') {
            let group = &rest[path_len + 1..rest.find('}').unwrap_or(rest.len())];
            for item in group.split(',').map(str::trim).filter(|i| !i.is_empty()) {
                let item = item.split("::").next().unwrap_or_default();
                let full = if item == "self" {
                    path.to_owned()
                } else {
                    format!("{path}{item}")
                };
                used.extend(resolve(&full, modules));
            }
        } else {
            used.extend(resolve(path, modules));
        }
    }
    for line in source.lines() {
        let declared = line.trim().trim_start_matches("pub ").strip_prefix("mod ");
        if let Some(child) = declared.and_then(|d| d.strip_suffix(';')) {
            if source.contains(&format!("{child}::")) {
                used.insert(format!("{module}::{child}"));
            }
        }
    }
    used.remove(module);
    used
}

fn layer_of(module: &str) -> usize {
    let folder = module.split("::").next().unwrap_or_default();
    LAYERS
        .iter()
        .position(|layer| *layer == folder)
        .expect("a module of a layer")
}

#[test]
fn each_layer_uses_only_the_layers_below_it() {
    let modules = modules();
    let mut upward = Vec::new();
    for module in modules.keys() {
        for used in uses(module, &modules) {
            if layer_of(&used) > layer_of(module) {
                upward.push(format!("{module} uses {used}"));
            }
        }
    }
    assert!(upward.is_empty(), "uses of a higher layer: {upward:#?}");
}

#[test]
fn no_modules_use_each_other_in_a_circle() {
    let modules = modules();
    let graph: BTreeMap<&str, BTreeSet<String>> = modules
        .keys()
        .map(|module| (module.as_str(), uses(module, &modules)))
        .collect();
    // Depth first; a module met again while it is still on the path closes a circle.
    fn visit<'a>(
        module: &'a str,
        graph: &'a BTreeMap<&str, BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|m| *m == module) {
            let mut circle: Vec<String> = path[start..].iter().map(|m| m.to_string()).collect();
            circle.push(module.to_owned());
            return Some(circle);
        }
        if !done.insert(module) {
            return None;
        }
        path.push(module);
        for used in &graph[module] {
            if let Some(circle) = visit(used, graph, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for module in graph.keys() {
        let circle = visit(module, &graph, &mut Vec::new(), &mut done);
        assert!(circle.is_none(), "modules in a circle: {circle:?}");
    }
}

#[test]
fn the_check_sees_what_a_module_uses() {
    let modules = modules();
    let used = uses("http::writes", &modules);
    for expected in ["admission::shape", "controllers", "state", "kube::status"] {
        assert!(used.contains(expected), "{expected} in {used:?}");
    }
    assert!(uses("controllers", &modules).contains("controllers::provisioning"));
}
