//! No module imports one that imports it back, in any crate of the workspace: a test that reads
//! every module's paths (`use crate::…`, `super::…`, `self::…`, a child module's name, and paths
//! inside macros and `#[serde(with = "…")]`-style attributes) with `syn`, builds the graph of
//! file modules and fails naming each cycle, e.g. `config → faults → state → config`. A module
//! declaring its children (`mod x;`) is not an import; an inline `mod tests` belongs to its file.
//! Deliberately left out: paths built by macros from pieces (`concat!`), which no module uses.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

use proc_macro2::{TokenStream, TokenTree};
use syn::punctuated::Punctuated;
use syn::visit::Visit;

/// A module's path from its crate's root (`[]` is `lib.rs`).
type ModPath = Vec<String>;

/// Every file module under `src`, by path (binaries' `main.rs` are crates of their own: left out).
fn file_modules(src: &Path) -> BTreeMap<ModPath, PathBuf> {
    let mut found = BTreeMap::new();
    let mut folders = vec![src.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "bin") {
                    folders.push(path);
                }
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix(src).unwrap().with_extension("");
            let mut parts: ModPath = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
            match parts.last().map(String::as_str) {
                Some("lib") if parts.len() == 1 => parts.clear(),
                Some("main") if parts.len() == 1 => continue,
                Some("mod") => {
                    parts.pop();
                }
                _ => {}
            }
            found.insert(parts, path);
        }
    }
    found
}

/// Collects the paths one file names, each resolved from the module it is written in.
struct Paths<'a> {
    modules: &'a BTreeMap<ModPath, PathBuf>,
    /// The module being read: the file's, plus any inline `mod` around the current item.
    current: ModPath,
    /// Absolute paths (from the crate's root) of everything named.
    named: Vec<ModPath>,
}

impl Paths<'_> {
    fn name(&mut self, segments: &[String]) {
        let Some(first) = segments.first() else { return };
        let mut base = self.current.clone();
        let rest = match first.as_str() {
            "crate" => {
                base.clear();
                &segments[1..]
            }
            "self" => &segments[1..],
            "super" => {
                let supers = segments.iter().take_while(|s| *s == "super").count();
                base.truncate(base.len().saturating_sub(supers));
                &segments[supers..]
            }
            child => {
                let mut candidate = base.clone();
                candidate.push(child.to_owned());
                if !self.modules.contains_key(&candidate) {
                    return; // another crate, or an item of this module
                }
                segments
            }
        };
        base.extend(rest.iter().cloned());
        self.named.push(base);
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => self.with_last(prefix, n.ident.to_string()),
            syn::UseTree::Rename(r) => self.with_last(prefix, r.ident.to_string()),
            syn::UseTree::Glob(_) => self.name(&prefix.clone()),
            syn::UseTree::Group(g) => g.items.iter().for_each(|item| self.use_tree(prefix, item)),
        }
    }

    fn with_last(&mut self, prefix: &[String], last: String) {
        let mut path = prefix.to_vec();
        // `use super::{self}` names the module itself.
        if last != "self" {
            path.push(last);
        }
        self.name(&path);
    }

    /// String literals in attributes that spell a path (`deserialize_with = "crate::x::f"`).
    fn literals(&mut self, tokens: TokenStream) {
        for token in tokens {
            match token {
                TokenTree::Group(group) => self.literals(group.stream()),
                TokenTree::Literal(literal) => {
                    let Ok(text) = syn::parse2::<syn::LitStr>(TokenTree::Literal(literal).into()) else {
                        continue;
                    };
                    if let Ok(path) = syn::parse_str::<syn::Path>(&text.value()) {
                        self.visit_path(&path);
                    }
                }
                _ => {}
            }
        }
    }
}

impl<'ast> Visit<'ast> for Paths<'_> {
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &item.tree);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        self.name(&segments);
        syn::visit::visit_path(self, path);
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        self.current.push(item.ident.to_string());
        syn::visit::visit_item_mod(self, item);
        self.current.pop();
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.visit_path(&mac.path);
        // Most macros take expressions (`format!`, `assert!`, `generate_handler!`); others are
        // read for literals only.
        let parser = Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated;
        match mac.parse_body_with(parser) {
            Ok(exprs) => exprs.iter().for_each(|e| self.visit_expr(e)),
            Err(_) => self.literals(mac.tokens.clone()),
        }
    }

    /// `pub(crate)` names no module.
    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {}

    fn visit_attribute(&mut self, attr: &'ast syn::Attribute) {
        if let syn::Meta::List(list) = &attr.meta {
            self.literals(list.tokens.clone());
        }
    }
}

/// The file module that `path` falls in: its longest prefix that is one.
fn owner(modules: &BTreeMap<ModPath, PathBuf>, path: &[String]) -> Option<ModPath> {
    (0..=path.len()).rev().map(|n| path[..n].to_vec()).find(|prefix| modules.contains_key(prefix))
}

/// Which file module imports which, in the crate whose sources are in `src`.
fn import_graph(src: &Path) -> BTreeMap<ModPath, BTreeSet<ModPath>> {
    let modules = file_modules(src);
    let mut graph = BTreeMap::new();
    for (module, file) in &modules {
        let text = std::fs::read_to_string(file).unwrap();
        let syntax = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let mut paths = Paths { modules: &modules, current: module.clone(), named: Vec::new() };
        paths.visit_file(&syntax);
        let targets: BTreeSet<ModPath> =
            paths.named.iter().filter_map(|p| owner(&modules, p)).filter(|target| target != module).collect();
        graph.insert(module.clone(), targets);
    }
    graph
}

fn label(module: &ModPath) -> String {
    if module.is_empty() {
        "lib".to_owned()
    } else {
        module.join("::")
    }
}

/// One cycle through each module that has one, each written `a → b → a`, without repeats.
fn cycles(graph: &BTreeMap<ModPath, BTreeSet<ModPath>>) -> Vec<String> {
    let mut seen: BTreeSet<BTreeSet<ModPath>> = BTreeSet::new();
    let mut found = Vec::new();
    for start in graph.keys() {
        // Breadth first from `start`: the shortest way back to it.
        let mut came_from: BTreeMap<&ModPath, &ModPath> = BTreeMap::new();
        let mut queue = VecDeque::from([start]);
        let mut closing = None;
        while let Some(node) = queue.pop_front() {
            for next in graph.get(node).into_iter().flatten() {
                if next == start {
                    closing = Some(node);
                    break;
                }
                if !came_from.contains_key(next) {
                    came_from.insert(next, node);
                    queue.push_back(next);
                }
            }
            if closing.is_some() {
                break;
            }
        }
        let Some(mut node) = closing else { continue };
        let mut path = vec![start.clone()];
        while node != start {
            path.push(node.clone());
            node = came_from[node];
        }
        path[1..].reverse();
        if seen.insert(path.iter().cloned().collect()) {
            path.push(start.clone());
            found.push(path.iter().map(label).collect::<Vec<_>>().join(" → "));
        }
    }
    found
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

#[test]
fn no_crate_of_the_workspace_has_a_module_cycle() {
    let crates = [
        "src-tauri/src",
        "src-tauri/crates/dxtra-api/src",
        "src-tauri/crates/dxtra-sandbox/src",
        "tests/src",
    ];
    let mut problems = Vec::new();
    for src in crates {
        let graph = import_graph(&workspace().join(src));
        assert!(graph.len() > 1 || src == "tests/src", "{src}: no modules found");
        problems.extend(cycles(&graph).into_iter().map(|cycle| format!("{src}: {cycle}")));
    }
    assert!(
        problems.is_empty(),
        "module cycles (a leaf module should hold what both sides need):\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_reader_finds_every_way_a_module_names_another() {
    let dir = std::env::temp_dir().join(format!("module-cycles-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("wizard")).unwrap();
    let files = [
        ("lib.rs", "mod a; mod b; mod c; mod d; mod e; mod wizard; pub use a::A;"),
        ("a.rs", "use crate::{b::B, c};"),
        ("b.rs", "pub(crate) struct B; pub(crate) fn f() -> String { format!(\"{}\", super::a::A) }"),
        ("c.rs", "#[derive(serde::Deserialize)] struct S { #[serde(deserialize_with = \"crate::d::read\")] x: u8 }"),
        ("d.rs", "pub fn read() { let _ = crate::e::E; }"),
        ("e.rs", "pub struct E; #[cfg(test)] mod tests { use super::*; }"),
        ("wizard/mod.rs", "pub mod status; pub struct Wizard;"),
        ("wizard/status.rs", "use super::Wizard; use dxtra_api::Client; mod tests { use super::super::Wizard; }"),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let graph = import_graph(&dir);
    let edges = |m: &str| -> Vec<String> {
        let module: ModPath = if m == "lib" { vec![] } else { m.split("::").map(str::to_owned).collect() };
        graph[&module].iter().map(label).collect()
    };
    assert_eq!(edges("lib"), ["a"], "a re-export is an import; `mod x;` is not");
    assert_eq!(edges("a"), ["b", "c"]);
    assert_eq!(edges("b"), ["a"], "super:: inside a macro");
    assert_eq!(edges("c"), ["d"], "a path in an attribute's string");
    assert_eq!(edges("d"), ["e"]);
    assert!(edges("e").is_empty(), "an inline test module belongs to its file");
    assert_eq!(edges("wizard::status"), ["wizard"], "a child naming its parent; other crates ignored");
    assert!(edges("wizard").is_empty());
    assert_eq!(cycles(&graph), ["a → b → a"]);
    std::fs::remove_dir_all(&dir).unwrap();
}
